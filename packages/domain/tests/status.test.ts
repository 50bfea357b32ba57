import { describe, expect, it } from 'vitest';
import { canTransition, IMAGE_STATUSES, ImageStatus, isImageStatus, isTerminal } from '../src/status.js';

describe('ImageStatus', () => {
  it('moves forward from UPLOADED through ACCEPTED to PROCESSED', () => {
    expect(canTransition('UPLOADED', 'ACCEPTED')).toBe(true);
    expect(canTransition('ACCEPTED', 'PROCESSED')).toBe(true);
    expect(canTransition('ACCEPTED', 'REJECTED')).toBe(true);
  });

  it('never moves backwards', () => {
    expect(canTransition('PROCESSED', 'ACCEPTED')).toBe(false);
    expect(canTransition('REJECTED', 'ACCEPTED')).toBe(false);
    expect(canTransition('PROCESSED', 'REJECTED')).toBe(false);
    expect(canTransition('ACCEPTED', 'ACCEPTED')).toBe(false);
  });

  it('lets every live status move to DELETED, which is terminal', () => {
    for (const status of IMAGE_STATUSES.filter((s) => s !== 'DELETED')) {
      expect(canTransition(status, 'DELETED')).toBe(true);
    }
    for (const status of IMAGE_STATUSES) expect(canTransition('DELETED', status)).toBe(false);
    expect(isTerminal(ImageStatus.DELETED)).toBe(true);
    expect(isTerminal(ImageStatus.PROCESSED)).toBe(false);
  });

  it('recognises status strings', () => {
    expect(isImageStatus('ACCEPTED')).toBe(true);
    expect(isImageStatus('accepted')).toBe(false);
    expect(isImageStatus(undefined)).toBe(false);
  });
});
