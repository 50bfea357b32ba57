import type { ImageView, PictureSource } from '../api/types.ts';
import { h } from './dom.ts';

/** The smallest JPEG rendition wider than `minWidth` (else the largest), for `src`; of the square crop when `square`. */
export function fallbackRendition(record: ImageView, minWidth: number, square = false) {
  const jpegs = (record.renditions ?? [])
    .filter((r) => (r.crop === 'square-attention') === square)
    .filter((r) => r.format === 'jpeg' || r.format === 'jpg' || r.url.endsWith('.jpg'))
    .sort((a, b) => a.width - b.width);
  return jpegs.find((r) => r.width >= minWidth) ?? jpegs.at(-1);
}

/** True when the record has renditions to show. */
export function hasRenditions(record: ImageView | undefined): boolean {
  return !!record && record.status === 'PROCESSED' && !!(record.srcset?.jpeg || record.renditions?.length);
}

/** The API's `<picture>` sources (or, from an older API, WebP and JPEG from `srcset`). */
export function sourcesFor(record: ImageView, square: boolean): PictureSource[] {
  if (square) return record.squareSources ?? [];
  if (record.sources?.length) return record.sources;
  const fromSrcset = [
    { type: 'image/webp', srcset: record.srcset?.webp },
    { type: 'image/jpeg', srcset: record.srcset?.jpeg },
  ];
  return fromSrcset.flatMap((s) => (s.srcset ? [{ type: s.type, srcset: s.srcset, sizes: '' }] : []));
}

/**
 * A responsive <picture> from the API's sources: AVIF, then WebP, each a
 * <source>, and the JPEG srcset on the <img>, so the browser takes the best
 * format it decodes and the rendition that fits `sizes` and the screen
 * density. `square` uses the square crop cut around the subject (grid cells),
 * when the image has one.
 */
export function picture(
  record: ImageView,
  options: {
    sizes: string;
    alt: string;
    minWidth: number;
    lazy?: boolean;
    className?: string;
    square?: boolean;
  },
): HTMLPictureElement {
  const square = !!options.square && !!record.squareSources?.length;
  const sources = sourcesFor(record, square);
  const jpeg = sources.find((s) => s.type === 'image/jpeg');
  const fallback = fallbackRendition(record, options.minWidth, square);
  const width = fallback?.width ?? record.width;
  const height = fallback?.height ?? record.height;
  return h(
    'picture',
    { class: options.className },
    sources
      .filter((s) => s !== jpeg)
      .map((s) => h('source', { type: s.type, srcset: s.srcset, sizes: options.sizes || s.sizes })),
    h('img', {
      src: fallback?.url,
      srcset: jpeg?.srcset,
      sizes: options.sizes,
      alt: options.alt,
      width,
      height,
      loading: options.lazy ? 'lazy' : undefined,
      decoding: 'async',
    }),
  );
}

/** Words for an image's alt text: its caption, else a neutral description. */
export function altText(record: ImageView | undefined, filename?: string): string {
  if (record?.caption) return record.caption;
  if (filename) return `Photo ${filename}`;
  return 'Photo without a caption';
}
