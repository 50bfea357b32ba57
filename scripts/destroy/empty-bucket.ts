/**
 * Empties an S3 bucket completely: every object version and every delete
 * marker (a versioned bucket still "has objects" after plain deletes, and
 * S3 refuses to delete a bucket that is not empty).
 */
import {
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  type ObjectIdentifier,
  type S3Client,
} from '@aws-sdk/client-s3';

/** What {@link emptyBucket} removed. */
export interface EmptyResult {
  /** Object versions and delete markers deleted. */
  deleted: number;
  /** False when the bucket does not exist (nothing to do). */
  existed: boolean;
}

/** Largest batch DeleteObjects accepts. */
const BATCH = 1000;

/**
 * Deletes every version and delete marker of `bucket`, a page (up to 1000) at a time.
 * @throws Error naming the first keys S3 refused to delete (e.g. object lock, access denied).
 */
export async function emptyBucket(s3: S3Client, bucket: string): Promise<EmptyResult> {
  let deleted = 0;
  try {
    // List the first page again after each delete instead of paging with markers:
    // what was deleted drops out, so the loop ends exactly when the bucket is empty.
    for (;;) {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: BATCH }));
      const ids: ObjectIdentifier[] = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
        .filter((entry) => entry.Key !== undefined)
        .map((entry) => ({ Key: entry.Key as string, VersionId: entry.VersionId }));
      if (ids.length === 0) break;
      for (let start = 0; start < ids.length; start += BATCH) {
        const batch = ids.slice(start, start + BATCH);
        const answer = await s3.send(
          new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }),
        );
        const errors = answer.Errors ?? [];
        if (errors.length > 0) {
          const sample = errors
            .slice(0, 3)
            .map((error) => `${error.Key}: ${error.Code} ${error.Message ?? ''}`.trim())
            .join('; ');
          throw new Error(`s3://${bucket}: ${errors.length} objects could not be deleted (${sample})`);
        }
        deleted += batch.length;
      }
    }
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchBucket') return { deleted, existed: false };
    throw error;
  }
  return { deleted, existed: true };
}
