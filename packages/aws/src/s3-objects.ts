import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { isMissingObject, isPreconditionFailed } from './aws-errors.js';

/** S3 accepts at most this many keys per DeleteObjects call. */
export const DELETE_BATCH_SIZE = 1000;

/** An object read with {@link getObjectVersion}. */
export interface ObjectBody {
  body: Buffer;
  contentType: string | undefined;
  contentLength: number;
}

/**
 * Reads an object, pinned to `version` (its eTag) with `If-Match` when given.
 *
 * @returns `undefined` when the object is gone (NoSuchKey) or was replaced by
 *   another version (412): both mean "this event is stale", not an error.
 * @throws the SDK error for anything else (throttling, 5xx, access denied).
 */
export async function getObjectVersion(
  s3: S3Client,
  target: { bucket: string; key: string; version?: string | undefined },
): Promise<ObjectBody | undefined> {
  try {
    const response = await s3.send(
      new GetObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        ...(target.version ? { IfMatch: quoteEtag(target.version) } : {}),
      }),
    );
    const bytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
    const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { body, contentType: response.ContentType, contentLength: body.byteLength };
  } catch (error) {
    if (isMissingObject(error) || isPreconditionFailed(error)) return undefined;
    throw error;
  }
}

/**
 * `true` when the object exists and (when `version` is given) is still that version.
 *
 * @throws the SDK error for anything but 404 / 412.
 */
export async function objectExists(
  s3: S3Client,
  target: { bucket: string; key: string; version?: string | undefined },
): Promise<boolean> {
  try {
    await s3.send(
      new HeadObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        ...(target.version ? { IfMatch: quoteEtag(target.version) } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (isMissingObject(error) || isPreconditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Deletes one object, only if it is still `version` (S3 conditional delete)
 * so a newer upload of the same key survives.
 *
 * @returns `false` when the object had already been replaced (412); a missing object counts as deleted.
 */
export async function deleteObjectVersion(
  s3: S3Client,
  target: { bucket: string; key: string; version?: string | undefined },
): Promise<boolean> {
  try {
    await s3.send(
      new DeleteObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        ...(target.version ? { IfMatch: quoteEtag(target.version) } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (isMissingObject(error)) return true;
    if (isPreconditionFailed(error)) return false;
    throw error;
  }
}

/** Every key under `prefix` (all pages). */
export async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
  }
  return keys;
}

/**
 * Deletes keys in batches of {@link DELETE_BATCH_SIZE}.
 *
 * @throws {Error} when S3 reports per-key errors, so the message is retried.
 */
export async function deleteKeys(s3: S3Client, bucket: string, keys: readonly string[]): Promise<number> {
  for (let start = 0; start < keys.length; start += DELETE_BATCH_SIZE) {
    const batch = keys.slice(start, start + DELETE_BATCH_SIZE);
    const response = await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    const errors = response.Errors ?? [];
    if (errors.length > 0) {
      const sample = errors
        .slice(0, 3)
        .map((e) => `${e.Key}: ${e.Code}`)
        .join(', ');
      throw new Error(
        `DeleteObjects failed for ${errors.length} of ${batch.length} keys in ${bucket} (${sample})`,
      );
    }
  }
  return keys.length;
}

/** `If-Match` wants the quoted eTag; events carry it bare. */
function quoteEtag(version: string): string {
  return version.startsWith('"') ? version : `"${version}"`;
}
