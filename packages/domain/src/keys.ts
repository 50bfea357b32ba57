import { createHash } from 'node:crypto';
import { InvalidKeyError } from './errors.js';
import type { RenditionExt, RenditionName } from './renditions.js';

/** Prefix under which uploads are ours; S3 notifications are filtered on it. */
export const UPLOADS_PREFIX = 'uploads/';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Crockford base32, 26 chars, first char 0-7 so the 128-bit value does not overflow.
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i;

/** What an upload key says about its image. */
export interface UploadKey {
  /** Owner segment, or `null` for `uploads/<file>`. */
  owner: string | null;
  imageId: string;
}

/**
 * Decodes a key as S3 puts it in event notifications: URL-encoded with `+`
 * for spaces (moto also encodes `/` as `%2F`).
 *
 * @throws {InvalidKeyError} when the key holds a malformed `%` escape.
 */
export function decodeS3Key(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch (error) {
    throw new InvalidKeyError(`key: not a valid URL-encoded S3 key: ${encoded}`, { cause: error });
  }
}

/**
 * Reads owner and imageId from a decoded upload key.
 *
 * - `uploads/<owner>/<stem>.<ext>` -> owner `<owner>`;
 * - `uploads/<stem>.<ext>` -> owner `null`;
 * - the stem is the imageId when it is a UUID (lower-cased) or a ULID
 *   (upper-cased); otherwise the imageId is derived from the whole key
 *   (sha256, first 32 hex chars), so the same key always maps to the same image.
 *
 * @returns `null` for keys that are not ours (outside `uploads/`, or folder markers).
 */
export function parseUploadKey(key: string): UploadKey | null {
  if (!key.startsWith(UPLOADS_PREFIX)) return null;
  const segments = key.slice(UPLOADS_PREFIX.length).split('/');
  const file = segments.at(-1) ?? '';
  if (file === '') return null;
  const owner = segments.length > 1 && segments[0] !== '' ? (segments[0] as string) : null;
  const dot = file.lastIndexOf('.');
  const stem = dot > 0 ? file.slice(0, dot) : file;
  // Deeper keys (uploads/a/b/c.jpg) are accepted, but their stem is not trusted as an id.
  const trustStem = segments.length <= 2;
  return { owner, imageId: (trustStem ? idFromStem(stem) : undefined) ?? derivedImageId(key) };
}

/**
 * The imageId for a decoded upload key (see {@link parseUploadKey}).
 *
 * @throws {InvalidKeyError} when the key is not under `uploads/`.
 */
export function imageIdForKey(key: string): string {
  return requireUploadKey(key).imageId;
}

/**
 * The owner for a decoded upload key (see {@link parseUploadKey}).
 *
 * @throws {InvalidKeyError} when the key is not under `uploads/`.
 */
export function ownerForKey(key: string): string | null {
  return requireUploadKey(key).owner;
}

/**
 * The upload key for an owner's image: `uploads/<owner>/<imageId>.<ext>`, the
 * shape {@link parseUploadKey} reads back with the same owner and imageId
 * (when imageId is a lower-case UUID or an upper-case ULID).
 *
 * @throws {InvalidKeyError} when owner is empty or holds a `/`, or imageId is not a UUID or ULID.
 */
export function uploadKey(owner: string, imageId: string, ext: string): string {
  if (owner === '' || owner.includes('/'))
    throw new InvalidKeyError(`owner: not a usable key segment: ${owner}`);
  if (idFromStem(imageId) !== imageId) throw new InvalidKeyError(`imageId: not a UUID or ULID: ${imageId}`);
  return `${UPLOADS_PREFIX}${owner}/${imageId}.${ext}`;
}

/** Deterministic imageId for keys whose stem is not an id: sha256 of the key, 32 hex chars. */
export function derivedImageId(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
}

/** Removes the quotes S3 puts around eTags in API responses (events carry them bare). */
export function normalizeEtag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"+|"+$/g, '');
}

/** Quoted form of a version for `If-Match` headers. */
export function ifMatch(version: string): string {
  return `"${normalizeEtag(version)}"`;
}

/** Key of one rendition: `<imageId>/<version>/<name>.<ext>`. */
export function renditionKey(
  imageId: string,
  version: string,
  name: RenditionName,
  ext: RenditionExt,
): string {
  return `${renditionPrefix(imageId, version)}${name}.${ext}`;
}

/** Prefix of all renditions of an image (`<imageId>/`) or of one version (`<imageId>/<version>/`). */
export function renditionPrefix(imageId: string, version?: string): string {
  return version === undefined ? `${imageId}/` : `${imageId}/${version}/`;
}

function idFromStem(stem: string): string | undefined {
  if (UUID.test(stem)) return stem.toLowerCase();
  if (ULID.test(stem)) return stem.toUpperCase();
  return undefined;
}

function requireUploadKey(key: string): UploadKey {
  const parsed = parseUploadKey(key);
  if (!parsed) throw new InvalidKeyError(`key: not an upload key (expected ${UPLOADS_PREFIX}...): ${key}`);
  return parsed;
}
