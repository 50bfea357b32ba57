import { STATUS_SHARD_COUNT, statusShardIndex } from '@pipeline/domain';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/cursor.js';
import { MalformedRequestError } from '../src/errors.js';

const ownerKey = { imageId: 'i', owner: 'alice', createdAt: '2024-01-01T00:00:00.000Z' };
const statusKey = {
  status: 'PROCESSED',
  shards: Array.from({ length: STATUS_SHARD_COUNT }, (_, n) =>
    n === statusShardIndex('i') ? { imageId: 'i', createdAt: '2024-01-01T00:00:00.000Z' } : 'end',
  ),
};

describe('cursor', () => {
  it("round-trips a LastEvaluatedKey, or a status listing's shard positions, as URL-safe text", () => {
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
    expect(() => decodeCursor(encodeCursor(statusKey), { by: 'owner', owner: 'alice' })).toThrow(/cursor/);
  });

  it('refuses shard positions that could not come from the listing', () => {
    const query = { by: 'status', status: 'PROCESSED' } as const;
    const wrongShard = (statusShardIndex('i') + 1) % STATUS_SHARD_COUNT;
    const moved = { ...statusKey, shards: statusKey.shards.map((p, n) => (n === wrongShard ? p : 'start')) };
    moved.shards[wrongShard] = { imageId: 'i', createdAt: '2024-01-01T00:00:00.000Z' };
    for (const key of [
      moved,
      { ...statusKey, shards: statusKey.shards.slice(1) },
      { ...statusKey, shards: statusKey.shards.map(() => 'end') },
      { ...statusKey, shards: statusKey.shards.map(() => 'later') },
    ]) {
      expect(() => decodeCursor(encodeCursor(key), query)).toThrow(/^cursor: /);
    }
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
