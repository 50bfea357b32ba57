import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSample } from '../make-sample.ts';
import { SAMPLE_HEIGHT, SAMPLE_WIDTH } from '../sample-scene.ts';

describe('makeSample', () => {
  const dir = mkdtemp(path.join(tmpdir(), 'sample-'));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  it('writes a photo-sized JPEG with the EXIF a camera would add', async () => {
    const file = await makeSample(path.join(await dir, 'nested', 'photo.jpg'));

    const meta = await sharp(file).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: SAMPLE_WIDTH, height: SAMPLE_HEIGHT, channels: 3 });
    expect(meta.exif?.toString('latin1')).toContain('make sample');
  });

  it('draws a scene, not a flat colour', async () => {
    const file = await makeSample(path.join(await dir, 'scene.jpg'));

    const { channels, entropy } = await sharp(file).stats();
    // Dark sky and shore, a bright sun: a wide tonal range, and more than a gradient's detail.
    for (const channel of channels) expect(channel.max - channel.min).toBeGreaterThan(120);
    expect(entropy).toBeGreaterThan(5);
  });
});
