import { FILE_EXTENSIONS, IMAGE_FORMATS, type ImageFormat, MIME_TYPES } from './formats.js';

/** What an upload's declared Content-Type says: the format and the key's file extension. */
export interface UploadType {
  format: ImageFormat;
  ext: string;
}

/**
 * The Content-Types a client may declare for an upload (presigned POST or a
 * direct upload), each with the extension its key gets. The pipeline still
 * validates the bytes themselves; this only refuses what can never pass.
 */
export const UPLOAD_CONTENT_TYPES: Readonly<Record<string, UploadType>> = Object.fromEntries(
  IMAGE_FORMATS.map((format) => [MIME_TYPES[format], { format, ext: FILE_EXTENSIONS[format] }]),
);

/**
 * The upload type for a Content-Type header value: parameters (`; charset=…`)
 * and case are ignored.
 *
 * @returns `undefined` for a type the pipeline does not accept.
 */
export function uploadTypeFor(contentType: string | undefined | null): UploadType | undefined {
  if (!contentType) return undefined;
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return Object.hasOwn(UPLOAD_CONTENT_TYPES, essence) ? UPLOAD_CONTENT_TYPES[essence] : undefined;
}
