/**
 * The per-image duration behind the dry run's cost estimate: the active
 * profile rendered from a generated 12 MP photo (the sample scene with grain),
 * median of three runs after a warm-up, on this machine. Lambda at the resize
 * function's 1,769 MB has one vCPU; a laptop has more, so MS_PER_IMAGE (for
 * example the dashboard's ProcessingMilliseconds) overrides it.
 */

import type { RenditionProfile } from '@pipeline/domain';
import { makeRenditions } from '@pipeline/imaging';
import sharp from 'sharp';
import { sampleSceneSvg } from '../sample/sample-scene.ts';

const WIDTH = 4000;
const HEIGHT = 3000;

async function twelveMegapixelPhoto(): Promise<Buffer> {
  const grain = await sharp({
    create: {
      width: WIDTH,
      height: HEIGHT,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 18 },
    },
  })
    .png()
    .toBuffer();
  return sharp(Buffer.from(sampleSceneSvg()))
    .resize(WIDTH, HEIGHT, { fit: 'fill' })
    .composite([{ input: grain, blend: 'soft-light' }])
    .jpeg({ quality: 88 })
    .toBuffer();
}

/** Median ms to render `profile` from a 12 MP JPEG here. */
export async function measureMsPerImage(profile: RenditionProfile): Promise<number> {
  const input = await twelveMegapixelPhoto();
  await makeRenditions(input, { profile });
  const times: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    await makeRenditions(input, { profile });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1] as number;
}
