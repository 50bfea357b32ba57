import { UPLOAD_CONTENT_TYPES } from '@pipeline/domain/product';

/** Types the API accepts (docs/api.md: 415 for anything else). */
export const ACCEPTED_TYPES: readonly string[] = Object.keys(UPLOAD_CONTENT_TYPES);

/**
 * The file picker's `accept`: the types, and `.heic` by name too, so a picker
 * on a system that does not map image/heic to an extension still shows
 * iPhone photos.
 */
export const PICKER_ACCEPT = [...ACCEPTED_TYPES, '.heic'].join(',');

/**
 * Extensions a browser may leave the type of empty (HEIC often): each
 * accepted type under its key extension, the other spellings people use, and
 * .heif, named so the API answers 415 with its reason instead of a bare
 * octet-stream.
 */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(UPLOAD_CONTENT_TYPES).map(([type, { ext }]) => [ext, type])),
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  tif: 'image/tiff',
  heif: 'image/heif',
};

/**
 * The Content-Type to upload a file with: what the browser says, else a guess
 * from the extension, else application/octet-stream (the API then answers 415).
 */
export function contentTypeFor(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const extension = file.name.toLowerCase().split('.').pop() ?? '';
  return BY_EXTENSION[extension] ?? 'application/octet-stream';
}
