import type { ImageRecord } from '@pipeline/domain';
import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  estimateDollars,
  needsRerender,
  pacer,
  readRerenderOptions,
} from '../rerender-plan.ts';

const record = (overrides: Partial<ImageRecord>) =>
  ({ imageId: 'a', status: 'PROCESSED', review: null, renditions: [], ...overrides }) as ImageRecord;
const rendition = (profile?: string) =>
  ({
    name: 'thumb',
    key: 'k',
    width: 1,
    height: 1,
    format: 'jpeg',
    bytes: 1,
    contentType: 'image/jpeg',
    ...(profile ? { profile } : {}),
  }) as ImageRecord['renditions'][number];

describe('readRerenderOptions', () => {
  it('is a dry run at 5 images per second unless told otherwise', () => {
    expect(readRerenderOptions({})).toEqual({
      confirm: false,
      rate: 5,
      from: undefined,
      msPerImage: undefined,
    });
    expect(readRerenderOptions({ CONFIRM: 'yes', RATE: '20', MS_PER_IMAGE: '900' })).toMatchObject({
      confirm: true,
      rate: 20,
      msPerImage: 900,
    });
  });

  it('refuses a rate, duration or cursor it cannot use, naming it', () => {
    expect(() => readRerenderOptions({ RATE: '0' })).toThrow(/RATE/);
    expect(() => readRerenderOptions({ MS_PER_IMAGE: '-1' })).toThrow(/MS_PER_IMAGE/);
    expect(() => readRerenderOptions({ FROM: 'not-a-cursor' })).toThrow(/FROM/);
  });
});

describe('cursor', () => {
  it('round-trips a listing position, so FROM resumes where a run stopped', () => {
    const position = {
      status: 'PROCESSED' as const,
      shards: ['end', 'start', 'start', 'start', 'start', 'start', 'start', 'start'] as const,
    };
    expect(decodeCursor(encodeCursor({ ...position, shards: [...position.shards] }))).toEqual(position);
  });
});

describe('needsRerender', () => {
  it('sends images not at the profile, and never a rejected or non-PROCESSED one', () => {
    expect(needsRerender(record({ renditions: [rendition()] }), 'p1')).toBe(true);
    expect(needsRerender(record({ renditions: [rendition('p1'), rendition('p0')] }), 'p1')).toBe(true);
    expect(needsRerender(record({ renditions: [rendition('p1')] }), 'p1')).toBe(false);
    expect(needsRerender(record({ status: 'DELETED' }), 'p1')).toBe(false);
    expect(needsRerender(record({ status: 'REJECTED' }), 'p1')).toBe(false);
    const review = { decision: 'REJECTED' as const, reason: 'x' };
    expect(needsRerender(record({ review, renditions: [rendition()] }), 'p1')).toBe(false);
  });
});

describe('estimateDollars', () => {
  it('prices each image as one invocation of the duration at the memory, arm64 list price', () => {
    // 1,000 x (1 s x 1.728 GB x $0.0000133334 + $0.0000002)
    expect(estimateDollars(1000, 1000, 1769)).toBeCloseTo(
      1000 * (1.7275390625 * 0.0000133334 + 0.0000002),
      8,
    );
    expect(estimateDollars(0, 1000, 1769)).toBe(0);
  });
});

describe('pacer', () => {
  it('spaces sends so that no more than `rate` images go per second', async () => {
    let now = 0;
    const waits: number[] = [];
    const take = pacer(
      10,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    await take(10);
    await take(10);
    await take(5);
    expect(waits).toEqual([1000, 1000]);
    expect(now).toBe(2000);
  });
});
