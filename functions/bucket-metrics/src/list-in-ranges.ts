import { type _Object, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

/**
 * Key-range boundaries for listing a bucket in parallel: every digit and
 * letter. Rendition keys start with an imageId (a UUID or a hash in hex, or a
 * ULID), so the renditions bucket, which holds most objects, spreads over 16
 * to 32 ranges; the uploads bucket (all under `uploads/`) stays one stream.
 */
export const KEY_BOUNDARIES: readonly string[] = [
  ...'123456789',
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...'abcdefghijklmnopqrstuvwxyz',
];

/** How many ranges are listed at once. */
export const LIST_CONCURRENCY = 16;

/** Pages read one after another before the rest of a bucket is split into ranges. */
export const SEQUENTIAL_PAGES = 10;

type Listed = _Object & { Key: string };

/**
 * Lists every object of `bucket` once. The first {@link SEQUENTIAL_PAGES}
 * pages are read in order, as a plain listing would (a small bucket ends
 * there, at no extra cost); what is left, the keys after the last one read,
 * is split into the ranges (last, b1], (b1, b2], ..., (bn, +inf) of the
 * `boundaries` above it, `concurrency` ranges at a time. Each range starts
 * after its lower bound (ListObjectsV2 StartAfter is exclusive) and stops at
 * the first key past its upper bound, so the ranges neither overlap nor leave
 * a gap. The boundaries are ASCII, where JS string order is S3's UTF-8 byte
 * order for the comparison with a key. One stream lists about 1,000 keys per
 * round trip; ranges in parallel make a reconcile of tens of millions of
 * objects fit in one Lambda run.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 *
 * @returns the pages read.
 * @throws the SDK error of a failed page.
 */
export async function listInRanges(
  s3: S3Client,
  bucket: string,
  onObject: (object: Listed) => void,
  options: { boundaries?: readonly string[]; concurrency?: number; sequentialPages?: number } = {},
): Promise<number> {
  const { boundaries = KEY_BOUNDARIES, concurrency = LIST_CONCURRENCY } = options;
  let pages = 0;
  let last: string | undefined;
  /** Lists from `low` (exclusive) to `high` (inclusive), or `maxPages` pages; the token left, if any. */
  const listRange = async (low: string | undefined, high: string | undefined, maxPages = Infinity) => {
    let token: string | undefined;
    let read = 0;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          MaxKeys: 1000,
          ...(token ? { ContinuationToken: token } : low !== undefined ? { StartAfter: low } : {}),
        }),
      );
      pages += 1;
      read += 1;
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        if (high !== undefined && object.Key > high) return undefined;
        onObject(object as Listed);
        last = object.Key;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && read < maxPages);
    return token;
  };
  const more = await listRange(undefined, undefined, options.sequentialPages ?? SEQUENTIAL_PAGES);
  if (!more || last === undefined) return pages;
  const after = last;
  const above = boundaries.filter((boundary) => boundary > after);
  const queue = [after, ...above].map((low, i) => ({ low, high: above[i] }));
  const worker = async () => {
    for (let range = queue.shift(); range; range = queue.shift()) await listRange(range.low, range.high);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return pages;
}
