import { FILE_EXTENSIONS, MIME_TYPES } from './formats.js';

/** Every rendition name, smallest first (`@pipeline/imaging` makes them). */
export const RENDITION_NAMES = ['thumb', 'small', 'medium', 'large'] as const;

/** One of {@link RENDITION_NAMES}. */
export type RenditionName = (typeof RENDITION_NAMES)[number];

/** Target width of each rendition, in pixels. */
export const RENDITION_WIDTHS = {
  thumb: 150,
  small: 480,
  medium: 1024,
  large: 2048,
} as const satisfies Record<RenditionName, number>;

/** Output formats with the extension and content type they are stored under: JPEG for reach, WebP for size. */
export const RENDITION_FORMATS = [
  { format: 'jpeg', ext: FILE_EXTENSIONS.jpeg, contentType: MIME_TYPES.jpeg },
  { format: 'webp', ext: FILE_EXTENSIONS.webp, contentType: MIME_TYPES.webp },
] as const;

/** Encodings every rendition is written in. */
export type RenditionFormat = (typeof RENDITION_FORMATS)[number]['format'];

/** File extension of a rendition format. */
export type RenditionExt = (typeof RENDITION_FORMATS)[number]['ext'];

/** One rendition to make: a target width and an output format. */
export interface RenditionSpec {
  name: RenditionName;
  /** Target width in pixels; never exceeded, and never upscaled to. */
  width: number;
  format: RenditionFormat;
  /** File extension used in the rendition key `<imageId>/<version>/<name>.<ext>`. */
  ext: RenditionExt;
  contentType: (typeof RENDITION_FORMATS)[number]['contentType'];
}

/** The eight renditions every processed image gets: 4 widths x (JPEG, WebP), smallest first. */
export const RENDITION_SPECS: readonly RenditionSpec[] = Object.freeze(
  RENDITION_NAMES.flatMap((name) =>
    RENDITION_FORMATS.map((format) => Object.freeze({ name, width: RENDITION_WIDTHS[name], ...format })),
  ),
);
