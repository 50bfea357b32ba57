/**
 * Peak memory of processing one image, in a fresh process: loads sharp,
 * reads the file, records the RSS so far (the baseline), makes the
 * renditions once (or only decodes, with `floor`) and prints
 * `{ "baselineMb", "peakMb" }` from process.resourceUsage().maxRSS, which
 * covers every thread of the process, libvips' included.
 *
 * Usage: node rss-worker.mjs <file> [core|floor]
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { configureSharp, DEFAULT_LIMITS, makeRenditions } from '../../../packages/imaging/src/index.ts';

const [file, method = 'core'] = process.argv.slice(2);
if (!file) throw new Error('usage: rss-worker.mjs <file> [core|floor]');
configureSharp();
const input = readFileSync(file);
const mb = (kb: number) => kb / 1024;
const baselineMb = mb(process.resourceUsage().maxRSS);
if (method === 'floor') {
  await sharp(input, { failOn: 'error', limitInputPixels: DEFAULT_LIMITS.maxPixels }).raw().toBuffer();
} else {
  await makeRenditions(input);
}
process.stdout.write(`${JSON.stringify({ baselineMb, peakMb: mb(process.resourceUsage().maxRSS) })}\n`);
