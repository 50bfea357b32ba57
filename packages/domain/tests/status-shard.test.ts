import { describe, expect, it } from 'vitest';
import { STATUS_SHARD_COUNT, statusShardIndex, statusShardKeys, statusShardOf } from '../src/status-shard.js';

describe('statusShardOf', () => {
  it('keys an image by status and a shard that stays the same across status changes', () => {
    const id = '0b6f3c1e-9a44-4c1b-8f0e-2f1d3c4b5a69';

    expect(statusShardOf('ACCEPTED', id).split('#')[1]).toBe(statusShardOf('PROCESSED', id).split('#')[1]);
    expect(statusShardOf('PROCESSED', id)).toMatch(/^PROCESSED#[0-7]$/);
  });

  it('spreads ids over every shard', () => {
    const seen = new Set(Array.from({ length: 200 }, (_, i) => statusShardIndex(`image-${i}`)));

    expect(seen.size).toBe(STATUS_SHARD_COUNT);
  });

  it('lists every shard key of a status', () => {
    expect(statusShardKeys('REJECTED')).toEqual(
      Array.from({ length: STATUS_SHARD_COUNT }, (_, n) => `REJECTED#${n}`),
    );
  });
});
