import { describe, expect, it } from 'vitest';
import { checkImageCounters, type ImageCounterMismatch } from '../counters-per-image.ts';

const upload = { 'uploads/': { objects: 1, bytes: 100 } };

describe('checkImageCounters', () => {
  it('passes when no image disagrees', () => {
    const result = checkImageCounters([], 40);
    expect(result.ok).toBe(true);
    expect(result.detail).toBe('40 images: S3 = ledger = record, objects and bytes');
  });

  it('names each image that disagrees, with what S3, its ledger and its record hold', () => {
    const lost: ImageCounterMismatch = {
      imageId: 'img-1',
      status: 'PROCESSED',
      listed: upload,
      ledger: {},
      record: upload,
    };
    const result = checkImageCounters([lost], 40);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      'img-1 (PROCESSED): S3 uploads/ 1/100 B; ledger nothing; record uploads/ 1/100 B',
    ]);
  });

  it('is skipped on a stack without the counters table', () => {
    expect(checkImageCounters(undefined, 40).ok).toBe('skipped');
  });
});
