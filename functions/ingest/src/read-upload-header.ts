import { type Clients, getObjectHead, getObjectRange } from '@pipeline/aws';
import {
  HEADER_BYTES,
  type HeaderFacts,
  type ImageLimits,
  InvalidImageError,
  prefixSource,
  readHeaderFromPrefix,
} from '@pipeline/imaging/header';

/** An upload's version in the uploads bucket. */
export interface UploadObject {
  bucket: string;
  key: string;
  version: string;
}

/** What the header of an upload says: accepted with its facts, or rejected with the reason. */
export type HeaderVerdict =
  | { kind: 'image'; facts: HeaderFacts; bytesRead: number }
  | { kind: 'invalid'; error: InvalidImageError; bytes: number; bytesRead: number };

/** The object was deleted or replaced between two reads: the newer event settles it. */
class UploadGoneError extends Error {
  override name = 'UploadGoneError';
}

/**
 * Reads an upload's header with one ranged GET of its first {@link HEADER_BYTES}
 * (pinned to the version with If-Match), and a further ranged GET only where
 * a format puts its header past them (see readHeaderFromPrefix). Never the
 * whole object: its pixels are decoded, and its body checked, by resize.
 *
 * @returns `undefined` when the object is gone or replaced.
 * @throws AWS SDK errors (transient).
 */
export async function readUploadHeader(
  s3: Clients['s3'],
  upload: UploadObject,
  limits: ImageLimits,
): Promise<HeaderVerdict | undefined> {
  const head = await getObjectHead(s3, upload, HEADER_BYTES);
  if (!head) return undefined;
  const source = prefixSource(head.body, head.totalBytes, async (start, length) => {
    const more = await getObjectRange(s3, upload, start, length);
    if (!more) throw new UploadGoneError(`${upload.key} changed while its header was read`);
    return more.body;
  });
  try {
    return { kind: 'image', facts: await readHeaderFromPrefix(source, limits), bytesRead: source.bytesRead };
  } catch (error) {
    if (error instanceof UploadGoneError) return undefined;
    if (!(error instanceof InvalidImageError)) throw error;
    return { kind: 'invalid', error, bytes: head.totalBytes, bytesRead: source.bytesRead };
  }
}
