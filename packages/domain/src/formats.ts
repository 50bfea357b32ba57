/**
 * Formats the pipeline accepts as originals, named by what the bytes are
 * (never by a file name). `heic` is HEVC-coded HEIF (an iPhone photo): sharp's
 * libvips cannot decode HEVC, so resize decodes it with libheif's WebAssembly
 * build (`@pipeline/imaging`'s `heic/`), and an operator can turn it off
 * (Terraform `heic_enabled`), which rejects it as `Image::UnsupportedFormat`.
 */
export const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'avif', 'tiff', 'heic'] as const;

/** One of {@link IMAGE_FORMATS}. */
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** The MIME type recorded, accepted as an upload's Content-Type and served for each format. */
export const MIME_TYPES = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  tiff: 'image/tiff',
  heic: 'image/heic',
} as const satisfies Record<ImageFormat, string>;

/** The file extension keys get for each format (uploads and renditions alike). */
export const FILE_EXTENSIONS = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'avif',
  tiff: 'tiff',
  heic: 'heic',
} as const satisfies Record<ImageFormat, string>;
