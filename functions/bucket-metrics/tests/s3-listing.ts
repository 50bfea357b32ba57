/** ListObjectsV2 over a fixed set of keys, as S3 answers it: sorted, StartAfter, MaxKeys, ContinuationToken. */
import { ListObjectsV2Command, type ListObjectsV2CommandInput, type S3Client } from '@aws-sdk/client-s3';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/** Serves `objects` of `bucket` through the mock (other buckets are left to the test). */
export function serveListing(
  s3: AwsClientStub<S3Client>,
  bucket: string,
  objects: ReadonlyArray<{ Key: string; Size: number }>,
): void {
  // S3 sorts by UTF-8 bytes; these tests use ASCII keys, where that is JS string order.
  const sorted = [...objects].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
  s3.on(ListObjectsV2Command, { Bucket: bucket }).callsFake((input: ListObjectsV2CommandInput) => {
    const max = input.MaxKeys ?? 1000;
    const from = input.ContinuationToken
      ? Number(input.ContinuationToken)
      : sorted.findIndex((o) => input.StartAfter === undefined || o.Key > input.StartAfter);
    const start = from < 0 ? sorted.length : from;
    const page = sorted.slice(start, start + max);
    const more = start + max < sorted.length;
    return {
      Contents: page,
      IsTruncated: more,
      ...(more ? { NextContinuationToken: String(start + max) } : {}),
    };
  });
}
