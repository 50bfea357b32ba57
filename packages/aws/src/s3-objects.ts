import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { isInvalidRange, isMissingObject, isPreconditionFailed } from './aws-errors.js';

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

/** Part of an object read with {@link getObjectRange} / {@link getObjectHead}. */
export interface ObjectRange {
  /** The bytes from the range's start: at most the length asked for, fewer at the end of the object. */
  body: Buffer;
  /** Size of the whole object in bytes (the total of the response's Content-Range). */
  totalBytes: number;
}

/**
 * Reads the first `maxBytes` of an object pinned to `version` (a ranged GET
 * with If-Match, as {@link getObjectVersion}): the whole object when it is smaller.
 *
 * @returns `undefined` when the object is gone or replaced (as {@link getObjectVersion}).
 * @throws the SDK error for anything else.
 */
export function getObjectHead(
  s3: S3Client,
  target: { bucket: string; key: string; version?: string | undefined },
  maxBytes: number,
): Promise<ObjectRange | undefined> {
  return getObjectRange(s3, target, 0, maxBytes);
}

/**
 * Reads `length` bytes of an object from `start` with one ranged GET
 * (`Range: bytes=start-end`, still the s3:GetObject permission). A range
 * that runs past the end returns what there is; S3 answers 206 with
 * `Content-Range: bytes start-end/total`, so the object's size comes with it
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, Range and ContentRange;
 * https://www.rfc-editor.org/rfc/rfc9110.html#name-range). An empty object
 * has no byte 0, so S3 answers 416 InvalidRange: that is read as an empty body.
 *
 * @returns `undefined` when the object is gone or replaced (404 / 412).
 * @throws the SDK error for anything else; RangeError for a negative start or a length under 1.
 */
export async function getObjectRange(
  s3: S3Client,
  target: { bucket: string; key: string; version?: string | undefined },
  start: number,
  length: number,
): Promise<ObjectRange | undefined> {
  if (!Number.isInteger(start) || start < 0) throw new RangeError(`start: must be >= 0, got ${start}`);
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`length: must be >= 1, got ${length}`);
  try {
    const response = await s3.send(
      new GetObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        Range: `bytes=${start}-${start + length - 1}`,
        ...(target.version ? { IfMatch: quoteEtag(target.version) } : {}),
      }),
    );
    const bytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
    // A server that ignores Range answers 200 with the whole object: keep only the part asked for.
    const whole = response.ContentRange === undefined;
    const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const body = whole ? all.subarray(start, start + length) : all;
    return { body, totalBytes: whole ? all.byteLength : totalOf(response.ContentRange, start + body.length) };
  } catch (error) {
    if (isMissingObject(error) || isPreconditionFailed(error)) return undefined;
    if (isInvalidRange(error) && start === 0) return { body: Buffer.alloc(0), totalBytes: 0 };
    throw error;
  }
}

/** The total of `bytes 0-99/1234`; `fallback` when it is `*` or unreadable. */
function totalOf(contentRange: string | undefined, fallback: number): number {
  const total = Number(contentRange?.split('/')[1]);
  return Number.isSafeInteger(total) && total >= 0 ? total : fallback;
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
