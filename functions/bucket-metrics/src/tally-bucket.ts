import { paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { add, boundGroups, type PrefixGrouping, type Tally, zero } from './prefix-groups.js';

/** One bucket's object count and bytes, in total and per Prefix value. */
export interface BucketTally extends Tally {
  bucket: string;
  /** Prefix value -> tally, bounded (see prefix-groups.ts). */
  prefixes: Map<string, Tally>;
  /** ListObjectsV2 pages read. */
  pages: number;
}

/**
 * Lists every object of `bucket` (all pages of ListObjectsV2, 1,000 keys each)
 * and sums count and bytes per bucket and per Prefix value. Keeps only the
 * sums, so memory does not grow with the bucket. Counts current objects
 * (ListObjectsV2 does not list noncurrent versions or incomplete multipart uploads).
 *
 * @throws the SDK error of a failed page (the run fails as a whole: no partial numbers are put).
 */
export async function tallyBucket(
  s3: S3Client,
  bucket: string,
  grouping: PrefixGrouping,
): Promise<BucketTally> {
  const total = zero();
  const groups = new Map<string, Tally>();
  let pages = 0;
  for await (const page of paginateListObjectsV2({ client: s3, pageSize: 1000 }, { Bucket: bucket })) {
    pages += 1;
    for (const object of page.Contents ?? []) {
      if (object.Key === undefined) continue;
      const one = { objects: 1, bytes: object.Size ?? 0 };
      add(total, one);
      const name = grouping.groupOf(object.Key);
      const group = groups.get(name) ?? zero();
      add(group, one);
      groups.set(name, group);
    }
  }
  return { bucket, ...total, prefixes: boundGroups(groups, grouping.always), pages };
}
