import { describe, expect, it } from 'vitest';
import { deliverableRecord } from '../../web/renditions-source.ts';

describe('deliverableRecord', () => {
  it('serves a PROCESSED image at the rendition key version', () => {
    expect(deliverableRecord({ status: 'PROCESSED', version: 'v1', review: null }, 'v1')).toBe(true);
    expect(
      deliverableRecord({ status: 'PROCESSED', version: 'v1', review: { decision: 'APPROVED' } }, 'v1'),
    ).toBe(true);
  });

  it('refuses a DELETED or REJECTED image, a moderator-rejected one, another version and a missing record', () => {
    expect(deliverableRecord({ status: 'DELETED', version: 'v1' }, 'v1')).toBe(false);
    expect(deliverableRecord({ status: 'REJECTED', version: 'v1' }, 'v1')).toBe(false);
    expect(
      deliverableRecord({ status: 'PROCESSED', version: 'v1', review: { decision: 'REJECTED' } }, 'v1'),
    ).toBe(false);
    expect(deliverableRecord({ status: 'PROCESSED', version: 'v2' }, 'v1')).toBe(false);
    expect(deliverableRecord(undefined, 'v1')).toBe(false);
  });
});
