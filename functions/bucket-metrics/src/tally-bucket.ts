import type { S3Client } from '@aws-sdk/client-s3';
import { listInRanges } from './list-in-ranges.js';
import { add, boundGroups, type PrefixGrouping, type Tally, zero } from './prefix-groups.js';

/** One bucket's object count and bytes, in total and per Prefix value. */
export interface BucketTally extends Tally {
  bucket: string;
  /** Prefix value -> tally, bounded (see prefix-groups.ts). */
  prefixes: Map<string, Tally>;
  /** ListObjectsV2 pages read (0 when the tally comes from the counters). */
  pages: number;
}

/** A listing split by who accounts for each key. */
export interface ListedBucket extends BucketTally {
  /** The keys the pipeline manages, per (managed) Prefix value: what the counters should hold. */
  managed: Map<string, Tally>;
  /** The other keys, per Prefix value, bounded like `prefixes`: what only a listing sees. */
  unmanaged: Map<string, Tally>;
}

/**
 * Lists every object of `bucket` (ListObjectsV2, 1,000 keys a page, key
 * ranges in parallel: see list-in-ranges.ts) and sums count and bytes per bucket and per Prefix value, and separately
 * for the keys the pipeline manages and the others. Keeps only the sums, so
 * memory does not grow with the bucket. Counts current objects (ListObjectsV2
 * does not list noncurrent versions or incomplete multipart uploads).
 *
 * @throws the SDK error of a failed page (the run fails as a whole: no partial numbers are put).
 */
export async function tallyBucket(
  s3: S3Client,
  bucket: string,
  grouping: PrefixGrouping,
): Promise<ListedBucket> {
  const total = zero();
  const groups = new Map<string, Tally>();
  const managed = new Map<string, Tally>(grouping.always.map((name) => [name, zero()]));
  const unmanaged = new Map<string, Tally>();
  const pages = await listInRanges(s3, bucket, (object) => {
    const one = { objects: 1, bytes: object.Size ?? 0 };
    add(total, one);
    const name = grouping.groupOf(object.Key);
    addToGroup(groups, name, one);
    addToGroup(grouping.isManaged(object.Key) ? managed : unmanaged, name, one);
  });
  return {
    bucket,
    ...total,
    prefixes: boundGroups(groups, grouping.always),
    pages,
    managed,
    // Bounded with the same `always` values, so that adding the counters and bounding again
    // gives what bounding the whole listing gives (see talliesFromCounters).
    unmanaged: boundGroups(unmanaged, grouping.always),
  };
}

function addToGroup(groups: Map<string, Tally>, name: string, one: Tally): void {
  const group = groups.get(name) ?? zero();
  add(group, one);
  groups.set(name, group);
}
