import { FILE_EXTENSIONS, MIME_TYPES } from './formats.js';
import {
  CLASSIC_RENDITION_PROFILE,
  DEFAULT_RENDITION_PROFILE,
  type RenditionCrop,
  type RenditionProfile,
} from './rendition-profile.js';

/**
 * Every rendition name of the default profile, in profile order. A deployment
 * may configure others (Terraform `rendition_profile`): code that enumerates
 * names takes them from the active profile, not from here.
 */
export const RENDITION_NAMES: readonly string[] = Object.freeze(
  DEFAULT_RENDITION_PROFILE.sizes.map((s) => s.name),
);

/** A size name of the active profile (a key segment, see `RENDITION_NAME_PATTERN`). */
export type RenditionName = string;

/** Target width of each classic rendition, in pixels (the bench's fixed reference widths). */
export const RENDITION_WIDTHS = {
  thumb: 150,
  small: 480,
  medium: 1024,
  large: 2048,
} as const satisfies Record<string, number>;

/** Output formats with the extension and content type they are stored under: JPEG for reach, WebP and AVIF for size. */
export const RENDITION_FORMATS = [
  { format: 'jpeg', ext: FILE_EXTENSIONS.jpeg, contentType: MIME_TYPES.jpeg },
  { format: 'webp', ext: FILE_EXTENSIONS.webp, contentType: MIME_TYPES.webp },
  { format: 'avif', ext: FILE_EXTENSIONS.avif, contentType: MIME_TYPES.avif },
] as const;

/** An encoding a rendition may be written in. */
export type RenditionFormat = (typeof RENDITION_FORMATS)[number]['format'];

/** File extension of a rendition format. */
export type RenditionExt = (typeof RENDITION_FORMATS)[number]['ext'];

/** One rendition to make: a target width, an output format, and how it is framed. */
export interface RenditionSpec {
  name: RenditionName;
  /** Target width in pixels (the side, when cropped square); never exceeded, and never upscaled to. */
  width: number;
  format: RenditionFormat;
  /** File extension used in the rendition key `<imageId>/<version>/<name>.<ext>`. */
  ext: RenditionExt;
  contentType: (typeof RENDITION_FORMATS)[number]['contentType'];
  /** Encoder quality 1-100; absent: the encoder's default. */
  quality?: number;
  crop: RenditionCrop;
}

/** The renditions a profile asks for: each size in profile order, in each of its formats in the order listed. */
export function renditionSpecs(profile: RenditionProfile): readonly RenditionSpec[] {
  return Object.freeze(
    profile.sizes.flatMap((size) =>
      size.formats.map((name) => {
        const format = RENDITION_FORMATS.find((f) => f.format === name) as (typeof RENDITION_FORMATS)[number];
        const spec: RenditionSpec = { name: size.name, width: size.width, ...format, crop: size.crop };
        if (size.quality !== undefined) spec.quality = size.quality;
        return Object.freeze(spec);
      }),
    ),
  );
}

/** The default profile's renditions: 4 widths x (JPEG, WebP), then the 320 px square in both. */
export const RENDITION_SPECS: readonly RenditionSpec[] = renditionSpecs(DEFAULT_RENDITION_PROFILE);

/** The eight renditions before profiles: 4 widths x (JPEG, WebP), smallest first. */
export const CLASSIC_RENDITION_SPECS: readonly RenditionSpec[] = renditionSpecs(CLASSIC_RENDITION_PROFILE);
