import sharp, { type Sharp } from 'sharp';
import { decodeHeic } from './decode-heic';

/**
 * A sharp pipeline over a HEIC's pixels, decoded by libheif into raw RGBA.
 * Raw input carries no metadata, so nothing of the original's EXIF, XMP or
 * ICC can reach a rendition, and `rotate()` finds no EXIF orientation to
 * apply on top of the `irot`/`imir` turn libheif already applied.
 * @throws InvalidImageError `Image::Corrupt` or `Image::TooManyPixels` (see {@link decodeHeic}).
 */
export async function openHeic(input: Buffer, maxPixels: number): Promise<Sharp> {
  const { data, width, height, channels } = await decodeHeic(input, maxPixels);
  return sharp(data, { raw: { width, height, channels } });
}
