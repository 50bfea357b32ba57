/** Rendition sizes, smallest first. */
export type RenditionName = 'thumb' | 'small' | 'medium' | 'large';

/** Output formats: JPEG for reach, WebP for size. */
export type RenditionFormat = 'jpeg' | 'webp';

/** One rendition to make: a target width and an output format. */
export interface RenditionSpec {
  name: RenditionName;
  /** Target width in pixels; never exceeded, and never upscaled to. */
  width: number;
  format: RenditionFormat;
  /** File extension used in the rendition key `<imageId>/<version>/<name>.<ext>`. */
  ext: 'jpg' | 'webp';
  contentType: 'image/jpeg' | 'image/webp';
}

/** Target width of each rendition name, in pixels. */
export const RENDITION_WIDTHS: Readonly<Record<RenditionName, number>> = {
  thumb: 150,
  small: 480,
  medium: 1024,
  large: 2048,
};

const FORMATS: readonly Pick<RenditionSpec, 'format' | 'ext' | 'contentType'>[] = [
  { format: 'jpeg', ext: 'jpg', contentType: 'image/jpeg' },
  { format: 'webp', ext: 'webp', contentType: 'image/webp' },
];

/** The eight renditions every processed image gets: 4 widths x (JPEG, WebP). */
export const RENDITION_SPECS: readonly RenditionSpec[] = Object.freeze(
  (Object.entries(RENDITION_WIDTHS) as [RenditionName, number][]).flatMap(([name, width]) =>
    FORMATS.map((format) => Object.freeze({ name, width, ...format })),
  ),
);
