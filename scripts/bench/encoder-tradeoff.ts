/**
 * Section 6: the encoder settings behind the quality/bytes trade-off, on
 * the largest image: time, bytes and SSIM (luma, 8x8 windows, step 4)
 * against the resized pixels, for the chosen settings and the alternatives.
 */
import { readFileSync } from 'node:fs';
import sharp, { type Sharp } from 'sharp';
import { ENCODER_SETTINGS } from '../../packages/imaging/src/encoders.ts';
import { lumaSsim } from '../../packages/imaging/src/luma-ssim.ts';
import type { BenchImage } from './inputs.ts';
import { median } from './stats.ts';

export interface EncoderRow {
  label: string;
  chosen: boolean;
  /** Per width: median ms, bytes, SSIM. */
  results: { width: number; ms: number; bytes: number; ssim: number }[];
}

type Encode = (image: Sharp) => Sharp;

const CANDIDATES: { label: string; encode: Encode; chosen?: boolean }[] = [
  {
    label: `JPEG q${ENCODER_SETTINGS.jpeg.quality}, progressive, optimised Huffman, quant table 3 (chosen)`,
    encode: (i) => i.jpeg(ENCODER_SETTINGS.jpeg),
    chosen: true,
  },
  {
    label: 'JPEG q80 mozjpeg (trellis, scan optimisation; before tuning)',
    encode: (i) => i.jpeg({ quality: 80, progressive: true, mozjpeg: true }),
  },
  {
    label: 'JPEG q80, progressive, optimised Huffman, standard tables',
    encode: (i) => i.jpeg({ quality: 80, progressive: true, optimiseCoding: true }),
  },
  { label: 'JPEG q80 baseline (libjpeg defaults)', encode: (i) => i.jpeg({ quality: 80 }) },
  {
    label: `WebP q${ENCODER_SETTINGS.webp.quality} effort ${ENCODER_SETTINGS.webp.effort} (chosen)`,
    encode: (i) => i.webp(ENCODER_SETTINGS.webp),
    chosen: true,
  },
  { label: 'WebP q80 effort 4 (before tuning)', encode: (i) => i.webp({ quality: 80, effort: 4 }) },
  { label: 'WebP q80 effort 1', encode: (i) => i.webp({ quality: 80, effort: 1 }) },
  { label: 'WebP q80 effort 0', encode: (i) => i.webp({ quality: 80, effort: 0 }) },
  { label: 'WebP q80 effort 6', encode: (i) => i.webp({ quality: 80, effort: 6 }) },
];

/** Encodes the `widths` renditions of `image` with every candidate, `runs` timed runs each. */
export async function benchEncoders(
  image: BenchImage,
  widths: number[],
  runs: number,
): Promise<EncoderRow[]> {
  const input = readFileSync(image.file);
  const sources = await Promise.all(
    widths.map(async (width) => {
      const { data, info } = await sharp(input)
        .rotate()
        .resize({ width, withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      const raw = () =>
        sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
      return { width, raw, luma: await raw().greyscale().raw().toBuffer(), w: info.width, h: info.height };
    }),
  );
  const rows: EncoderRow[] = [];
  for (const candidate of CANDIDATES) {
    const results = [];
    for (const source of sources) {
      const times: number[] = [];
      let output = Buffer.alloc(0);
      for (let i = 0; i <= runs; i++) {
        const started = performance.now();
        output = await candidate.encode(source.raw()).toBuffer();
        if (i > 0) times.push(performance.now() - started);
      }
      const decoded = await sharp(output).greyscale().raw().toBuffer();
      results.push({
        width: source.width,
        ms: median(times),
        bytes: output.length,
        ssim: ssim(source.luma, decoded, source.w, source.h),
      });
    }
    rows.push({ label: candidate.label, chosen: candidate.chosen === true, results });
  }
  return rows;
}

/** Mean SSIM of two 8-bit greyscale images of the same size, over 8x8 windows every 4 px (the AVIF keep rule uses the same function). */
export const ssim = lumaSsim;
