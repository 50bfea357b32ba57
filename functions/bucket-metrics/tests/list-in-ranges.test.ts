import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { listInRanges } from '../src/list-in-ranges.js';
import { serveListing } from './s3-listing.js';

const s3Mock = mockClient(S3Client);
beforeEach(() => s3Mock.reset());

describe('listInRanges', () => {
  it('hands every key over exactly once, including keys equal to a boundary and outside every letter', async () => {
    const keys = [
      '!x',
      '0',
      '1',
      '1a',
      'a',
      'a/b',
      'b',
      'zz',
      'z~',
      '~end',
      'é',
      ...Array.from({ length: 2100 }, (_, i) => `c${i}`),
    ];
    serveListing(
      s3Mock,
      'bucket',
      keys.map((Key) => ({ Key, Size: 1 })),
    );
    const seen: string[] = [];

    // One page in order (1,000 keys, up to some c…), then the rest in the ranges (last, z], (z, +inf).
    const options = { boundaries: ['1', 'a', 'c', 'z'], concurrency: 3, sequentialPages: 1 };
    await listInRanges(new S3Client({ region: 'us-east-1' }), 'bucket', (o) => seen.push(o.Key), options);

    expect(seen.sort()).toEqual([...keys].sort());
    const starts = s3Mock.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input.StartAfter);
    expect(starts.filter((s) => s !== undefined)).toEqual([expect.stringMatching(/^c\d+$/), 'z']);
  });

  it('counts a key equal to a boundary once: ranges are (low, high]', async () => {
    const first = Array.from({ length: 1000 }, (_, i) => `0-${String(i).padStart(4, '0')}`);
    const rest = ['1', '1a', 'a', 'a/b', 'b', 'c', 'c/x', 'z', 'zz', '~'];
    serveListing(
      s3Mock,
      'bucket',
      [...first, ...rest].map((Key) => ({ Key, Size: 1 })),
    );
    const seen: string[] = [];

    const options = { boundaries: ['1', 'a', 'c', 'z'], concurrency: 2, sequentialPages: 1 };
    await listInRanges(new S3Client({ region: 'us-east-1' }), 'bucket', (o) => seen.push(o.Key), options);

    expect(seen.slice(1000).sort()).toEqual([...rest].sort());
    expect(seen).toHaveLength(1010);
    const starts = s3Mock.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input.StartAfter);
    expect(starts.filter((s) => s !== undefined).sort()).toEqual(['0-0999', '1', 'a', 'c', 'z']);
  });

  it('fails when a page fails', async () => {
    s3Mock.on(ListObjectsV2Command).rejects(new Error('SlowDown'));
    await expect(listInRanges(new S3Client({ region: 'us-east-1' }), 'bucket', () => {})).rejects.toThrow(
      'SlowDown',
    );
  });
});
