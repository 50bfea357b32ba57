import type { RenditionCrop, RenditionFormat } from '@pipeline/domain';

/** One `<source>` of a `<picture>`: the browser takes the first whose `type` it decodes. */
export interface PictureSource {
  /** MIME type, e.g. `image/avif`. */
  type: string;
  /** `<url> <width>w, …`, each width once, narrowest first. */
  srcset: string;
  /** A suggested `sizes` attribute: the image fills the viewport up to its largest rendition's width. */
  sizes: string;
}

/** What {@link pictureSources} reads of a rendition. */
interface SourceRendition {
  format: RenditionFormat;
  width: number;
  url: string;
  crop?: RenditionCrop;
}

/** Best first: a browser uses the first source type it supports, so the smallest encoding leads and JPEG closes. */
const FORMAT_ORDER: readonly RenditionFormat[] = ['avif', 'webp', 'jpeg'];

const MIME: Record<RenditionFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };

/**
 * `<picture>`-ready sources for the renditions framed as `crop` (the whole
 * image by default; `square-attention` for the square crops a grid uses, kept
 * apart because a srcset must not mix aspect ratios). One source per format,
 * AVIF then WebP then JPEG; a format without renditions has none (an image
 * whose AVIF was not smaller enough has no AVIF source).
 */
export function pictureSources(
  renditions: readonly SourceRendition[],
  crop: RenditionCrop = 'none',
): PictureSource[] {
  const framed = renditions.filter((r) => (r.crop ?? 'none') === crop).sort((a, b) => a.width - b.width);
  const widest = framed.at(-1)?.width;
  if (widest === undefined) return [];
  const sizes = crop === 'none' ? `(max-width: ${widest}px) 100vw, ${widest}px` : `${widest}px`;
  return FORMAT_ORDER.flatMap((format) => {
    const seen = new Set<number>();
    const parts = framed
      .filter((r) => r.format === format && !seen.has(r.width) && seen.add(r.width))
      .map((r) => `${r.url} ${r.width}w`);
    return parts.length === 0 ? [] : [{ type: MIME[format], srcset: parts.join(', '), sizes }];
  });
}
