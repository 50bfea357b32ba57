import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type Rendition, renditionKey } from '@pipeline/domain';
import type { makeRenditions } from '@pipeline/imaging';

/** Renditions are keyed by version, so each object's content never changes. */
export const RENDITION_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** An encoded rendition; `profile` is the digest of the profile it was made with (see render-at-profile.ts). */
type Encoded = Awaited<ReturnType<typeof makeRenditions>>[number] & { profile?: string };

/**
 * Writes every rendition to `<imageId>/<version>/<name>.<ext>` in parallel.
 * Rewriting the same version is harmless: the keys and bytes are the same.
 *
 * @returns the renditions as the record stores them.
 * @throws the first S3 error (the message is retried).
 */
export async function writeRenditions(
  s3: S3Client,
  bucket: string,
  target: { imageId: string; version: string },
  encoded: readonly Encoded[],
): Promise<Rendition[]> {
  return Promise.all(
    encoded.map(async (rendition) => {
      const key = renditionKey(target.imageId, target.version, rendition.name, rendition.ext);
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: rendition.body,
          ContentType: rendition.contentType,
          ContentLength: rendition.bytes,
          CacheControl: RENDITION_CACHE_CONTROL,
        }),
      );
      return {
        name: rendition.name,
        key,
        width: rendition.width,
        height: rendition.height,
        format: rendition.format,
        bytes: rendition.bytes,
        contentType: rendition.contentType,
        crop: rendition.crop,
        ...(rendition.profile ? { profile: rendition.profile } : {}),
      };
    }),
  );
}
