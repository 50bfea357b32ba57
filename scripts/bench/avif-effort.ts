/**
 * The measurement behind the AVIF encoder settings (packages/imaging/src/avif.ts):
 * for every photo in a folder, at the 2048 and 480 px widths, the time, bytes
 * and SSIM (luma, see encoder-tradeoff.ts) of AVIF at efforts 0-4 and a few
 * qualities, next to the WebP the renditions use. Run by hand:
 *
 *   npx tsx scripts/bench/avif-effort.ts ../shared/photos
 *
 * Prints one markdown table row per photo, width and candidate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { ENCODER_SETTINGS } from '../../packages/imaging/src/encoders.ts';
import { ssim } from './encoder-tradeoff.ts';

const WIDTHS = [2048, 480];
const EFFORTS = [0, 1, 2, 3, 4];
const QUALITIES = (process.env.AVIF_QUALITIES ?? '50,60').split(',').map(Number);

async function measure(encode: () => Sharp, luma: Buffer, w: number, h: number) {
  const started = performance.now();
  const out = await encode().toBuffer();
  const ms = performance.now() - started;
  // Alpha flattened onto white as in the reference, so both sides are one luma channel.
  const decoded = await sharp(out).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer();
  return { ms, bytes: out.length, ssim: ssim(luma, decoded, w, h) };
}

async function main() {
  const folder = process.argv[2] ?? '../shared/photos';
  const files = readdirSync(folder).filter((f) => /\.(jpe?g|png|webp)$/i.test(f));
  sharp.concurrency(1);
  console.log('| photo | width | encoder | ms | bytes | vs WebP | SSIM |');
  console.log('|---|---:|---|---:|---:|---:|---:|');
  for (const file of files) {
    const input = readFileSync(path.join(folder, file));
    for (const width of WIDTHS) {
      const { data, info } = await sharp(input)
        .rotate()
        .resize({ width, withoutEnlargement: true })
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      const raw = () =>
        sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
      const luma = await raw().flatten({ background: '#ffffff' }).greyscale().raw().toBuffer();
      const webp = await measure(() => raw().webp(ENCODER_SETTINGS.webp), luma, info.width, info.height);
      const row = (label: string, r: typeof webp) =>
        console.log(
          `| ${file} | ${info.width} | ${label} | ${r.ms.toFixed(0)} | ${r.bytes} | ${((r.bytes / webp.bytes - 1) * 100).toFixed(0)}% | ${r.ssim.toFixed(4)} |`,
        );
      row(`WebP q${ENCODER_SETTINGS.webp.quality} e${ENCODER_SETTINGS.webp.effort}`, webp);
      for (const quality of QUALITIES) {
        for (const effort of EFFORTS) {
          row(
            `AVIF q${quality} e${effort}`,
            await measure(() => raw().avif({ quality, effort }), luma, info.width, info.height),
          );
        }
      }
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
