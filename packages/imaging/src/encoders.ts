import type { RenditionFormat } from '@pipeline/domain';
import type { Sharp } from 'sharp';
import { AVIF_SETTINGS } from './avif-settings';

/**
 * Encoder settings of the renditions, chosen with `make bench` (see its
 * "Encoder settings" table, measured on the 2048 px rendition of an 18 MP
 * photo, and the README):
 *
 * - JPEG q80, progressive, Huffman tables optimised, with mozjpeg's
 *   quantisation table (3, tuned for photos on screens) but without trellis
 *   quantisation or scan optimisation. Trellis cost 5-6x the encode time
 *   (about 270 ms against 50 ms at 2048 px) for a file ~10% smaller at a
 *   slightly lower SSIM; the table alone keeps most of mozjpeg's size win.
 * - WebP q80, effort 2: half the time of effort 4 for ~1.5% more bytes and
 *   an SSIM lower by ~0.003. Effort 3 and up run the slow analysis passes.
 *
 * Not part of the package API: the benchmark imports it so its baseline
 * encodes exactly like the resize core does.
 */
export const ENCODER_SETTINGS = {
  jpeg: { quality: 80, progressive: true, optimiseCoding: true, quantisationTable: 3 },
  webp: { quality: 80, effort: 2 },
  // AVIF (optional, when a rendition profile lists it): chosen by measurement, see avif-settings.ts.
  avif: AVIF_SETTINGS,
} as const;

/** JPEG has no alpha: transparent pixels become white, not black. */
export const JPEG_FLATTEN_BACKGROUND = '#ffffff';

/** Adds the encoder for `format` to `image` at `quality` (1-100), flattening alpha for JPEG; a profile may set AVIF's effort. */
export function withEncoder(
  image: Sharp,
  format: RenditionFormat,
  quality: number,
  avifEffort: { effort?: number } = {},
): Sharp {
  if (format === 'avif') return image.avif({ ...ENCODER_SETTINGS.avif, quality, ...avifEffort });
  return format === 'jpeg'
    ? image.flatten({ background: JPEG_FLATTEN_BACKGROUND }).jpeg({ ...ENCODER_SETTINGS.jpeg, quality })
    : image.webp({ ...ENCODER_SETTINGS.webp, quality });
}
