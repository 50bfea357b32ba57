import sharp from 'sharp';

/** Decoded pixels, as make-renditions passes them between steps. */
export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** Side of a square rendition: the size's width, never more than the image's shorter side (no upscaling). */
export function squareSide(width: number, image: { width: number; height: number }): number {
  return Math.min(width, image.width, image.height);
}

/**
 * The narrowest of the widths already decoded whose shorter side still covers
 * `side`, so the crop looks at as few pixels as it can without upscaling.
 * `widths` are widths of the same image (aspect `height / width`); the widest is the fallback.
 */
export function squareSourceWidth(widths: readonly number[], aspect: number, side: number): number {
  const ascending = [...widths].sort((a, b) => a - b);
  const fits = ascending.find((w) => Math.min(w, Math.floor(w * aspect)) >= side);
  return fits ?? (ascending.at(-1) as number);
}

/**
 * Cuts a `side` x `side` square out of `source` around what draws the eye:
 * libvips' attention strategy scores regions by luminance frequency,
 * saturation and skin tones and keeps the highest-scoring one, so a subject
 * off the centre stays in a gallery grid's square cell.
 * https://sharp.pixelplumbing.com/api-resize#resize (position: sharp.strategy.attention)
 */
export async function cropSquare(source: Pixels, side: number): Promise<Pixels> {
  const { width, height, channels } = source;
  const { data, info } = await sharp(source.data, { raw: { width, height, channels } })
    .resize(side, side, { fit: 'cover', position: sharp.strategy.attention })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}
