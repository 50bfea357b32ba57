import sharp from 'sharp';
import type { Pixels } from './square-crop';

/**
 * Mean SSIM of two 8-bit greyscale images of the same size, over 8x8 windows
 * every 4 px: the measure `make bench` judges encoders by
 * (scripts/bench/encoder-tradeoff.ts), here for the AVIF keep rule.
 */
export function lumaSsim(a: Buffer, b: Buffer, width: number, height: number): number {
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let sum = 0;
  let windows = 0;
  for (let y = 0; y + 8 <= height; y += 4) {
    for (let x = 0; x + 8 <= width; x += 4) {
      let ma = 0;
      let mb = 0;
      let va = 0;
      let vb = 0;
      let cov = 0;
      for (let j = 0; j < 8; j++) {
        const row = (y + j) * width + x;
        for (let i = 0; i < 8; i++) {
          const p = a[row + i] as number;
          const q = b[row + i] as number;
          ma += p;
          mb += q;
          va += p * p;
          vb += q * q;
          cov += p * q;
        }
      }
      ma /= 64;
      mb /= 64;
      va = va / 64 - ma * ma;
      vb = vb / 64 - mb * mb;
      cov = cov / 64 - ma * mb;
      sum += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      windows++;
    }
  }
  return windows === 0 ? 1 : sum / windows;
}

/** Luma of raw pixels or of an encoded image, alpha flattened onto white (as JPEG shows it). */
export async function lumaOf(image: Pixels | Buffer): Promise<Buffer> {
  const input = Buffer.isBuffer(image)
    ? sharp(image)
    : sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
  return input.flatten({ background: '#ffffff' }).greyscale().raw().toBuffer();
}
