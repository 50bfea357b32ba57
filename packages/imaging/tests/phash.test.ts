import { hammingDistance } from '@pipeline/domain';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InvalidImageError } from '../src/errors';
import { hashOfPixels, perceptualHashes } from '../src/phash';
import { scenePhoto, smallestRendition } from './fixtures/scenes';

const SIDE = 32;
const pixels = (value: (x: number, y: number) => number) =>
  Uint8Array.from({ length: SIDE * SIDE }, (_, i) => value(i % SIDE, Math.floor(i / SIDE)));

describe('hashOfPixels', () => {
  it('gives 16 hex characters with half the 64 bits set', () => {
    const hash = hashOfPixels(pixels((x, y) => (x * 7 + y * y * 3) % 256));

    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(hash, '0000000000000000')).toBe(32);
  });

  it('ignores brightness and contrast changes', () => {
    const scene = (x: number, y: number) => 60 + ((x * 5 + y * 11) % 97);

    const hash = hashOfPixels(pixels(scene));
    const brighter = hashOfPixels(pixels((x, y) => Math.min(255, 20 + scene(x, y) * 1.5)));

    expect(hammingDistance(hash, brighter)).toBe(0);
  });

  it('tells a left-to-right gradient from a top-to-bottom one', () => {
    const across = hashOfPixels(pixels((x) => x * 8));
    const down = hashOfPixels(pixels((_, y) => y * 8));

    expect(hammingDistance(across, down)).toBeGreaterThan(16);
  });
});

describe('perceptualHashes', () => {
  it('hashes the whole image and its centre', async () => {
    const hashes = await perceptualHashes(await smallestRendition(await scenePhoto('sunset')));

    expect(hashes.full).toMatch(/^[0-9a-f]{16}$/);
    expect(hashes.centre).toMatch(/^[0-9a-f]{16}$/);
  });

  it('counts transparent pixels as white', async () => {
    const transparent = await sharp({
      create: { width: 64, height: 64, channels: 4, background: '#00000000' },
    })
      .png()
      .toBuffer();
    const white = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();

    expect(await perceptualHashes(transparent)).toEqual(await perceptualHashes(white));
  });

  it('rejects bytes that are not an image', async () => {
    await expect(perceptualHashes(Buffer.from('not an image'))).rejects.toBeInstanceOf(InvalidImageError);
  });
});
