import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/cursor.js';
import { MalformedRequestError } from '../src/errors.js';

const ownerKey = { imageId: 'i', owner: 'alice', createdAt: '2024-01-01T00:00:00.000Z' };
const statusKey = { imageId: 'i', status: 'PROCESSED', createdAt: '2024-01-01T00:00:00.000Z' };

describe('cursor', () => {
  it('round-trips a LastEvaluatedKey as URL-safe text', () => {
    const cursor = encodeCursor(ownerKey);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, { by: 'owner', owner: 'alice' })).toEqual(ownerKey);
    expect(decodeCursor(encodeCursor(statusKey), { by: 'status', status: 'PROCESSED' })).toEqual(statusKey);
  });

  it("refuses a cursor of another listing's index or hash key", () => {
    expect(() => decodeCursor(encodeCursor(ownerKey), { by: 'status', status: 'PROCESSED' })).toThrow(
      MalformedRequestError,
    );
    expect(() => decodeCursor(encodeCursor(statusKey), { by: 'status', status: 'DELETED' })).toThrow(
      /cursor/,
    );
    expect(() => decodeCursor(encodeCursor(ownerKey), { by: 'owner', owner: 'bob' })).toThrow(/cursor/);
  });

  it('refuses text that is not an encoded key', () => {
    for (const cursor of [
      'a b',
      '',
      Buffer.from('null').toString('base64url'),
      encodeCursor({ ...ownerKey, imageId: '' }),
    ]) {
      expect(() => decodeCursor(cursor, { by: 'owner', owner: 'alice' })).toThrow(/^cursor: /);
    }
  });
});
