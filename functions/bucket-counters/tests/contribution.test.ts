import { contributionDelta, contributionOf } from '@pipeline/store';
import { describe, expect, it } from 'vitest';
import { aRecord } from './records.js';

const thumb = {
  name: 'thumb' as const,
  key: 'i/v/thumb.webp',
  width: 1,
  height: 1,
  format: 'webp' as const,
  bytes: 7,
  contentType: 'image/webp',
};

describe('contributionOf', () => {
  it('counts the upload of an ACCEPTED image and nothing else', () => {
    expect(contributionOf(aRecord({ status: 'ACCEPTED', bytes: 5 }))).toEqual({
      'uploads/': { objects: 1, bytes: 5 },
    });
  });

  it('counts the upload and every listed rendition of a PROCESSED image', () => {
    expect(contributionOf(aRecord({ status: 'PROCESSED', renditions: [thumb] }))).toEqual({
      'uploads/': { objects: 1, bytes: 100 },
      'renditions/thumb': { objects: 1, bytes: 7 },
    });
  });

  it('leaves out the renditions a moderator rejection took down, keeping the original', () => {
    const rejected = aRecord({ status: 'PROCESSED', renditions: [thumb], review: { decision: 'REJECTED' } });
    expect(contributionOf(rejected)).toEqual({ 'uploads/': { objects: 1, bytes: 100 } });
  });

  it('counts nothing for REJECTED, DELETED or missing records', () => {
    expect(contributionOf(aRecord({ status: 'REJECTED' }))).toEqual({});
    expect(contributionOf(aRecord({ status: 'DELETED', renditions: [thumb] }))).toEqual({});
    expect(contributionOf(undefined)).toEqual({});
  });
});

describe('contributionDelta', () => {
  it('is next minus previous, leaving out what did not change', () => {
    expect(
      contributionDelta(
        { 'uploads/': { objects: 1, bytes: 5 }, 'renditions/thumb': { objects: 1, bytes: 7 } },
        { 'uploads/': { objects: 1, bytes: 5 }, 'renditions/large': { objects: 1, bytes: 9 } },
      ),
    ).toEqual({
      'renditions/thumb': { objects: 1, bytes: 7 },
      'renditions/large': { objects: -1, bytes: -9 },
    });
  });
});
