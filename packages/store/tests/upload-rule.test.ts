import { describe, expect, it } from 'vitest';
import { classifyUpload } from '../src/upload-rule.js';
import { aRecord } from './fixtures.js';

const upload = {
  imageId: 'img-1',
  owner: 'alice',
  bucket: 'uploads',
  key: 'uploads/alice/img-1.jpg',
  version: 'v2',
  orderKey: '2024-01-02T00:00:00.000000Z',
};
const older = '2024-01-01T00:00:00.000000Z';
const newer = '2024-01-03T00:00:00.000000Z';

describe('classifyUpload', () => {
  it('writes when there is no record', () => {
    expect(classifyUpload(undefined, upload)).toBe('write');
  });

  it('replaces an older upload of the same key', () => {
    expect(classifyUpload(aRecord({ version: 'v1', orderKey: older }), upload)).toBe('write');
  });

  it('treats the same key and version as a duplicate', () => {
    expect(classifyUpload(aRecord({ version: 'v2', orderKey: upload.orderKey }), upload)).toBe('duplicate');
    expect(classifyUpload(aRecord({ version: 'v2', orderKey: older, status: 'PROCESSED' }), upload)).toBe(
      'duplicate',
    );
  });

  it('lets an older event lose against a newer record', () => {
    expect(classifyUpload(aRecord({ version: 'v3', orderKey: newer }), upload)).toBe('stale');
  });

  it('lets a newer tombstone win over a late ObjectCreated', () => {
    expect(classifyUpload(aRecord({ version: null, orderKey: newer, status: 'DELETED' }), upload)).toBe(
      'stale',
    );
  });

  it('accepts identical bytes re-uploaded after a delete', () => {
    expect(classifyUpload(aRecord({ version: 'v2', orderKey: older, status: 'DELETED' }), upload)).toBe(
      'write',
    );
  });

  it('never lets another key take over a live image, but reuses a deleted one', () => {
    const other = { ...upload, key: 'uploads/alice/img-1.png' };
    expect(classifyUpload(aRecord({ orderKey: older }), other)).toBe('stale');
    expect(classifyUpload(aRecord({ orderKey: newer, status: 'DELETED' }), other)).toBe('write');
  });
});
