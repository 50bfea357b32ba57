import { rgbaToThumbHash } from 'thumbhash';
import { type Pixels, smallPixels } from './small-pixels';

/** What a client paints while an image loads. */
export interface Placeholder {
  /** ThumbHash (https://evanw.github.io/thumbhash/) of the image, base64: about 20-25 bytes, decoded by the client. */
  thumbHash: string;
  /** The most frequent colour, `#rrggbb`: a flat background until the ThumbHash is decoded. */
  dominantColor: string;
}

/**
 * The {@link Placeholder} of an image (see {@link placeholderOf}). Pass the
 * smallest rendition.
 *
 * @throws InvalidImageError when `image` cannot be decoded.
 */
export async function makePlaceholder(image: Buffer): Promise<Placeholder> {
  return placeholderOf(await smallPixels(image));
}

/**
 * The {@link Placeholder} of pixels at most 100 x 100 (see `smallPixels`).
 * The dominant colour is sharp's `stats().dominant`, computed the same way
 * (sharp src/stats.cc: a 16 x 16 x 16-bin RGB histogram, alpha ignored, the
 * centre of the fullest bin) on the pixels already decoded: `stats()` itself
 * also measures entropy and sharpness, about 14 ms of CPU for a 150 px image
 * against well under 1 ms here.
 */
export function placeholderOf(pixels: Pixels): Placeholder {
  const hash = rgbaToThumbHash(pixels.width, pixels.height, pixels.data);
  return { thumbHash: Buffer.from(hash).toString('base64'), dominantColor: dominantColour(pixels) };
}

function dominantColour({ data }: Pixels): string {
  const bins = new Uint32Array(16 * 16 * 16);
  for (let i = 0; i < data.length; i += 4) {
    bins[
      ((data[i] as number) >> 4) * 256 + ((data[i + 1] as number) >> 4) * 16 + ((data[i + 2] as number) >> 4)
    ] += 1;
  }
  let fullest = 0;
  for (let bin = 1; bin < bins.length; bin += 1)
    if ((bins[bin] as number) > (bins[fullest] as number)) fullest = bin;
  const centre = (level: number) => (level * 16 + 8).toString(16).padStart(2, '0');
  return `#${centre(fullest >> 8)}${centre((fullest >> 4) & 15)}${centre(fullest & 15)}`;
}
