/**
 * Long-lived timing worker for the sharp-based columns of the renditions
 * table. Bundled by bundle-workers.ts and run with plain node (no tsx), so a
 * child measures only the work. Protocol: one JSON request per stdin line,
 * `{ "method": "core" | "naive" | "floor", "file": "<path>" }`; one JSON
 * line back, `{ "ms", "cpuMs", "bytes" }` or `{ "error" }`. Inputs are read
 * into memory once: the Lambda also starts from a Buffer.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import { ENCODER_SETTINGS, withEncoder } from '../../../packages/imaging/src/encoders.ts';
import {
  CLASSIC_RENDITION_PROFILE,
  CLASSIC_RENDITION_SPECS,
  configureSharp,
  DEFAULT_LIMITS,
  makeRenditions,
} from '../../../packages/imaging/src/index.ts';

type Method = 'core' | 'naive' | 'floor';

configureSharp();
const inputs = new Map<string, Buffer>();
const limitInputPixels = DEFAULT_LIMITS.maxPixels;

/** Bytes written by one run of `method` on `input` (for `floor`, the decoded pixels). */
async function run(method: Method, input: Buffer): Promise<number> {
  if (method === 'core') {
    // Today's eight renditions (the classic profile), so the set's time stays comparable from run
    // to run; the default profile adds the square crop, whose cost the features section reports.
    const renditions = await makeRenditions(input, { profile: CLASSIC_RENDITION_PROFILE });
    return renditions.reduce((sum, r) => sum + r.bytes, 0);
  }
  if (method === 'floor') {
    const pixels = await sharp(input, { failOn: 'error', limitInputPixels }).raw().toBuffer();
    return pixels.length;
  }
  // (a): what straightforward sharp code does: one pipeline per rendition, all
  // at once, each decoding the original (with shrink-on-load), same encoders.
  const outputs = await Promise.all(
    CLASSIC_RENDITION_SPECS.map((spec) =>
      withEncoder(
        sharp(input, { failOn: 'error', limitInputPixels })
          .rotate()
          .resize({ width: spec.width, withoutEnlargement: true })
          .toColourspace('srgb'),
        spec.format,
        ENCODER_SETTINGS[spec.format].quality,
      ).toBuffer(),
    ),
  );
  return outputs.reduce((sum, b) => sum + b.length, 0);
}

const lines = createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  try {
    const { method, file } = JSON.parse(line) as { method: Method; file: string };
    let input = inputs.get(file);
    if (!input) {
      input = readFileSync(file);
      inputs.set(file, input);
    }
    const cpu = process.cpuUsage();
    const started = performance.now();
    const bytes = await run(method, input);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    process.stdout.write(`${JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, bytes })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
  }
});
