/**
 * Long-lived timing worker for the features section (features.ts): what
 * each optional image feature costs, each measured alone on the inputs the
 * resize function gives it. Bundled by bundle-workers.ts and run with plain
 * node, like rendition-worker.ts. Protocol: one JSON request per stdin line,
 * `{ "feature", "file" }`; one JSON line back with that feature's numbers
 * (see the `measure*` functions) or `{ "error" }`. Inputs, their resized
 * pixels and their classic renditions are made once per file, untimed.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import sharp, { type Sharp } from 'sharp';
import { keepAvifWhenBetter, keepAvifWhenSmaller } from '../../../packages/imaging/src/avif-rule.ts';
import { ENCODER_SETTINGS, withEncoder } from '../../../packages/imaging/src/encoders.ts';
import { decodeHeic } from '../../../packages/imaging/src/heic/decode-heic.ts';
import {
  CLASSIC_RENDITION_PROFILE,
  configureSharp,
  DEFAULT_RENDITION_PROFILE,
  makeRenditions,
  perceptualHashesOf,
  placeholderOf,
  type Rendition,
  smallPixels,
} from '../../../packages/imaging/src/index.ts';
import {
  cropSquare,
  type Pixels,
  squareSide,
  squareSourceWidth,
} from '../../../packages/imaging/src/square-crop.ts';

export type Feature = 'classic' | 'default' | 'square' | 'avif' | 'traits' | 'heic';
type Answer = Record<string, number | string>;
/** What the AVIF keep rule reads of a rendition. */
type Encoded = { name: string; format: string; width: number; bytes: number; body: Buffer };

/** Sub-millisecond steps run this many times per request; the answer is the mean of one run. */
const REPEAT = 20;
/** The square crop (a few ms) runs this many times per request. */
const CROP_REPEAT = 5;
const SQUARE = DEFAULT_RENDITION_PROFILE.sizes.find((s) => s.crop === 'square-attention');
const CLASSIC_WIDTHS = CLASSIC_RENDITION_PROFILE.sizes.map((s) => s.width).sort((a, b) => b - a);

configureSharp();
const inputs = new Map<string, Buffer>();
const ladders = new Map<string, Promise<Map<number, Pixels>>>();
const classicSets = new Map<string, Promise<Rendition[]>>();

const input = (file: string) => {
  let buffer = inputs.get(file);
  if (!buffer) {
    buffer = readFileSync(file);
    inputs.set(file, buffer);
  }
  return buffer;
};
const fromRaw = ({ data, width, height, channels }: Pixels) =>
  sharp(data, { raw: { width, height, channels } });
const sinceMs = (started: number, times = 1) => (performance.now() - started) / times;

/**
 * The classic widths' pixels as makeRenditions makes them (oriented, sRGB,
 * shrunk to the largest width, each smaller width from the next larger),
 * clamped to the image's width.
 */
function ladder(file: string): Promise<Map<number, Pixels>> {
  let made = ladders.get(file);
  if (!made) {
    made = (async () => {
      let pixels = await raw(sharp(input(file)).rotate(), CLASSIC_WIDTHS[0] as number);
      const byWidth = new Map([[pixels.width, pixels]]);
      for (const width of CLASSIC_WIDTHS.slice(1)) {
        if (width >= pixels.width) continue;
        pixels = await raw(fromRaw(pixels), width);
        byWidth.set(pixels.width, pixels);
      }
      return byWidth;
    })();
    ladders.set(file, made);
  }
  return made;
}

async function raw(image: Sharp, width: number): Promise<Pixels> {
  const { data, info } = await image
    .resize({ width, withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** A whole rendition set, wall and CPU ms: `classic` (the 8 renditions) or `default` (today's profile: + the 320 px square). */
async function measureSet(file: string, feature: 'classic' | 'default'): Promise<Answer> {
  const profile = feature === 'classic' ? CLASSIC_RENDITION_PROFILE : DEFAULT_RENDITION_PROFILE;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const renditions = await makeRenditions(input(file), { profile });
  const ms = sinceMs(started);
  const used = process.cpuUsage(cpu);
  // CPU time (every thread, libvips' included) moves far less with background load than wall time.
  const cpuMs = (used.user + used.system) / 1000;
  return { ms, cpuMs, bytes: renditions.reduce((sum, r) => sum + r.bytes, 0) };
}

/** The square crop alone: libvips' attention strategy against a centre crop of the same pixels, and the square's bytes. */
async function measureSquare(file: string): Promise<Answer> {
  const pixels = await ladder(file);
  const largest = pixels.get(Math.max(...pixels.keys())) as Pixels;
  const side = squareSide(SQUARE?.width ?? 320, largest);
  const from = squareSourceWidth([...pixels.keys()], largest.height / largest.width, side);
  const source = pixels.get(from) as Pixels;
  let started = performance.now();
  let square = source;
  for (let i = 0; i < CROP_REPEAT; i++) square = await cropSquare(source, side);
  const attentionMs = sinceMs(started, CROP_REPEAT);
  started = performance.now();
  for (let i = 0; i < CROP_REPEAT; i++) {
    await fromRaw(source).resize(side, side, { fit: 'cover', position: 'centre' }).raw().toBuffer();
  }
  const centreMs = sinceMs(started, CROP_REPEAT);
  const encoded = await Promise.all(
    (['jpeg', 'webp'] as const).map((f) =>
      withEncoder(fromRaw(square), f, ENCODER_SETTINGS[f].quality).toBuffer(),
    ),
  );
  return { attentionMs, centreMs, bytes: encoded.reduce((sum, b) => sum + b.length, 0), side, from };
}

/**
 * AVIF at the chosen settings at every classic width, one encode after
 * another, next to the WebP of the same pixels, then the keep rule
 * (avif-rule.ts) on the result: kept, or dropped for bytes or for SSIM.
 */
async function measureAvif(file: string): Promise<Answer> {
  const pixels = await ladder(file);
  const made: Encoded[] = [];
  const times = { avif: 0, webp: 0 };
  for (const [width, source] of pixels) {
    for (const format of ['avif', 'webp'] as const) {
      const started = performance.now();
      const body = await withEncoder(fromRaw(source), format, ENCODER_SETTINGS[format].quality).toBuffer();
      times[format] += sinceMs(started);
      const name = `w${width}`;
      made.push({ name, format, width, bytes: body.length, body });
    }
  }
  const started = performance.now();
  const kept = await keepAvifWhenBetter(made, async (name) => pixels.get(Number(name.slice(1))) as Pixels);
  const decisionMs = sinceMs(started);
  const bytesOf = (format: string) =>
    made.filter((r) => r.format === format).reduce((sum, r) => sum + r.bytes, 0);
  const verdict = kept.some((r) => r.format === 'avif')
    ? 'kept'
    : keepAvifWhenSmaller(made).some((r) => r.format === 'avif')
      ? 'dropped (SSIM)'
      : 'dropped (bytes)';
  return {
    avifMs: times.avif,
    webpMs: times.webp,
    avifBytes: bytesOf('avif'),
    webpBytes: bytesOf('webp'),
    decisionMs,
    verdict,
  };
}

/**
 * The placeholder and perceptual hashes as resize's describeImage makes
 * them: one decode of the smallest whole rendition (the 150 px WebP), then
 * each computation on those pixels.
 */
async function measureTraits(file: string): Promise<Answer> {
  let set = classicSets.get(file);
  if (!set) {
    set = makeRenditions(input(file), { profile: CLASSIC_RENDITION_PROFILE });
    classicSets.set(file, set);
  }
  const source = (await set)
    .filter((r) => r.format === 'webp')
    .sort((a, b) => a.width - b.width)[0] as Rendition;
  let started = performance.now();
  for (let i = 0; i < REPEAT; i++) await smallPixels(source.body);
  const decodeMs = sinceMs(started, REPEAT);
  const pixels = await smallPixels(source.body);
  started = performance.now();
  for (let i = 0; i < REPEAT; i++) placeholderOf(pixels);
  const placeholderMs = sinceMs(started, REPEAT);
  started = performance.now();
  for (let i = 0; i < REPEAT; i++) perceptualHashesOf(pixels);
  const phashMs = sinceMs(started, REPEAT);
  const thumbHashBytes = Buffer.from(placeholderOf(pixels).thumbHash, 'base64').length;
  return { decodeMs, placeholderMs, phashMs, thumbHashBytes, sourceWidth: source.width };
}

/** A HEIC decode by libheif (WebAssembly), warm: the first request instantiates libheif, untimed. */
async function measureHeic(file: string): Promise<Answer> {
  const { width, height } = await decodeHeic(input(file));
  const started = performance.now();
  for (let i = 0; i < REPEAT; i++) await decodeHeic(input(file));
  return { ms: sinceMs(started, REPEAT), bytes: input(file).length, width, height };
}

function measure(feature: Feature, file: string): Promise<Answer> {
  switch (feature) {
    case 'classic':
    case 'default':
      return measureSet(file, feature);
    case 'square':
      return measureSquare(file);
    case 'avif':
      return measureAvif(file);
    case 'traits':
      return measureTraits(file);
    case 'heic':
      return measureHeic(file);
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  try {
    const { feature, file } = JSON.parse(line) as { feature: Feature; file: string };
    process.stdout.write(`${JSON.stringify(await measure(feature, file))}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
  }
});
