/**
 * `make sample`: writes a sample photo to upload (samples/lake-at-sunset.jpg by
 * default): a 1600×1067 JPEG with camera-style EXIF, so a first run shows the
 * renditions being made and the metadata being stripped. Generated, not
 * downloaded: the repository ships no third-party image (CC0, README.md here).
 *
 *   npx tsx scripts/sample/make-sample.ts [output.jpg]
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { SAMPLE_HEIGHT, SAMPLE_WIDTH, sampleSceneSvg } from './sample-scene.ts';

export const DEFAULT_SAMPLE = path.join(import.meta.dirname, '..', '..', 'samples', 'lake-at-sunset.jpg');

/** Film-like grain, so the encoders see photo-like detail rather than flat gradients. */
async function grain(): Promise<Buffer> {
  return sharp({
    create: {
      width: SAMPLE_WIDTH,
      height: SAMPLE_HEIGHT,
      channels: 3,
      // Ignored under noise, but the type requires it.
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 18 },
    },
  })
    .png()
    .toBuffer();
}

/**
 * Renders the sample photo to `file` (its folder is created).
 *
 * @returns the file written.
 */
export async function makeSample(file = DEFAULT_SAMPLE): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(sampleSceneSvg()))
    .composite([{ input: await grain(), blend: 'soft-light' }])
    .jpeg({ quality: 86, mozjpeg: true })
    .withExif({
      IFD0: {
        Make: 'image-pipeline',
        Model: 'make sample',
        ImageDescription: 'Lake at sunset (generated sample photo)',
        Copyright: 'CC0 1.0: no rights reserved',
      },
    })
    .toFile(file);
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = await makeSample(process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_SAMPLE);
  console.log(path.relative(process.cwd(), file));
}
