import sharp from 'sharp';
import { configureSharp } from './configure-sharp';
import { decodeError } from './decode-error';

/** RGBA pixels, row by row, 4 bytes each (not premultiplied). */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/** ThumbHash encodes at most 100 x 100 pixels, and the 32 x 32 perceptual hash needs no more. */
export const SMALL_SIDE = 100;

/**
 * Decodes an image into RGBA pixels fitted inside {@link SMALL_SIDE} px (never
 * enlarged): the one decode the placeholder and the perceptual hashes share.
 * Pass the smallest rendition, whose decode costs a fraction of a millisecond.
 *
 * @throws InvalidImageError when `image` cannot be decoded.
 */
export async function smallPixels(image: Buffer): Promise<Pixels> {
  configureSharp();
  try {
    const { data, info } = await sharp(image)
      .resize(SMALL_SIDE, SMALL_SIDE, { fit: 'inside', withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw decodeError(error, 'image');
  }
}
