import type { ImageView } from '../api/types.ts';
import { h } from './dom.ts';

/** The smallest JPEG rendition wider than `minWidth` (else the largest), for `src`. */
export function fallbackRendition(record: ImageView, minWidth: number) {
  const jpegs = (record.renditions ?? [])
    .filter((r) => r.format === 'jpeg' || r.format === 'jpg' || r.url.endsWith('.jpg'))
    .sort((a, b) => a.width - b.width);
  return jpegs.find((r) => r.width >= minWidth) ?? jpegs.at(-1);
}

/** True when the record has renditions to show. */
export function hasRenditions(record: ImageView | undefined): boolean {
  return !!record && record.status === 'PROCESSED' && !!(record.srcset?.jpeg || record.renditions?.length);
}

/**
 * A responsive <picture>: WebP first, JPEG fallback, both with srcset, so the
 * browser picks the rendition that fits `sizes` and the screen density.
 */
export function picture(
  record: ImageView,
  options: { sizes: string; alt: string; minWidth: number; lazy?: boolean; className?: string },
): HTMLPictureElement {
  const fallback = fallbackRendition(record, options.minWidth);
  const width = fallback?.width ?? record.width;
  const height = fallback?.height ?? record.height;
  return h(
    'picture',
    { class: options.className },
    record.srcset?.webp
      ? h('source', { type: 'image/webp', srcset: record.srcset.webp, sizes: options.sizes })
      : null,
    h('img', {
      src: fallback?.url,
      srcset: record.srcset?.jpeg,
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
