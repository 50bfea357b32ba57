/**
 * Peak memory of processing one image, in a fresh process: loads sharp,
 * reads the file, records the RSS so far (the baseline), makes the
 * renditions once (or only decodes, with `floor`) and prints
 * `{ "baselineMb", "peakMb" }` from process.resourceUsage().maxRSS, which
 * covers every thread of the process, libvips' included. With `heic` (the
 * features section): instantiates libheif, then decodes the HEIC once, and
 * adds `loadedMb` (after instantiation; the decode's baseline), `loadMs` and `decodeMs`.
 *
 * Usage: node rss-worker.mjs <file> [core|floor|heic]
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { loadLibheif } from '../../../packages/imaging/src/heic/libheif.ts';
import {
  configureSharp,
  DEFAULT_LIMITS,
  decodeHeic,
  makeRenditions,
} from '../../../packages/imaging/src/index.ts';

const [file, method = 'core'] = process.argv.slice(2);
if (!file) throw new Error('usage: rss-worker.mjs <file> [core|floor|heic]');
configureSharp();
const input = readFileSync(file);
const mb = (kb: number) => kb / 1024;
const baselineMb = mb(process.resourceUsage().maxRSS);
if (method === 'heic') {
  // The first decode in a fresh process, as a resize's first HEIC: libheif's instantiation apart.
  let started = performance.now();
  await loadLibheif();
  const loadMs = performance.now() - started;
  const loadedMb = mb(process.resourceUsage().maxRSS);
  started = performance.now();
  await decodeHeic(input);
  const decodeMs = performance.now() - started;
  const peakMb = mb(process.resourceUsage().maxRSS);
  process.stdout.write(`${JSON.stringify({ baselineMb, loadedMb, peakMb, loadMs, decodeMs })}\n`);
} else {
  if (method === 'floor') {
    await sharp(input, { failOn: 'error', limitInputPixels: DEFAULT_LIMITS.maxPixels }).raw().toBuffer();
  } else {
    await makeRenditions(input);
  }
  process.stdout.write(`${JSON.stringify({ baselineMb, peakMb: mb(process.resourceUsage().maxRSS) })}\n`);
}
