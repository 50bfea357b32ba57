import type { S3Client } from '@aws-sdk/client-s3';
import { deleteKeys, listKeys } from '@pipeline/aws';
import { renditionPrefix } from '@pipeline/domain';

/**
 * Deletes every rendition under `<imageId>/` (all pages, batches of 1000),
 * except those of `keepVersion`: when a newer upload of the image is live,
 * only the renditions of older versions go.
 *
 * @returns how many objects were deleted.
 */
export async function purgeRenditions(
  s3: S3Client,
  bucket: string,
  imageId: string,
  keepVersion?: string | null,
): Promise<number> {
  const keep = keepVersion ? renditionPrefix(imageId, keepVersion) : undefined;
  const keys = (await listKeys(s3, bucket, renditionPrefix(imageId))).filter(
    (key) => !keep || !key.startsWith(keep),
  );
  return deleteKeys(s3, bucket, keys);
}
