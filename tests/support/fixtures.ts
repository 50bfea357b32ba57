import sharp from 'sharp';

/**
 * A photo-like JPEG (noise, so it compresses like a photo) of the given size,
 * optionally tagged with an EXIF orientation.
 */
export async function makeJpeg(width: number, height: number, orientation?: number): Promise<Buffer> {
  const noise = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 128, g: 128, b: 128 },
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .blur(1.5)
    .raw()
    .toBuffer();
  const image = sharp(noise, { raw: { width, height, channels: 3 } });
  if (orientation) image.withMetadata({ orientation });
  return image.jpeg({ quality: 85 }).toBuffer();
}

/** A PNG with a transparent background and an opaque circle. */
export async function makePngWithAlpha(width: number, height: number): Promise<Buffer> {
  const r = Math.floor(Math.min(width, height) / 3);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${r}" fill="#c33"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
