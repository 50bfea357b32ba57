import { describe, expect, it } from 'vitest';
import { isObjectCreated, isObjectRemoved, type S3EventRecord } from '../src/s3-event.js';

const record = (eventName: string): S3EventRecord => ({
  eventName,
  eventTime: '2024-01-01T00:00:00Z',
  s3: { bucket: { name: 'b' }, object: { key: 'k' } },
});

describe('S3 event records', () => {
  it('tells created from removed', () => {
    expect(isObjectCreated(record('ObjectCreated:Put'))).toBe(true);
    expect(isObjectCreated(record('ObjectCreated:CompleteMultipartUpload'))).toBe(true);
    expect(isObjectRemoved(record('ObjectRemoved:DeleteMarkerCreated'))).toBe(true);
    expect(isObjectCreated(record('ObjectRemoved:Delete'))).toBe(false);
  });
});
