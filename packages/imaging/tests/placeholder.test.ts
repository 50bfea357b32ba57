import sharp from 'sharp';
import { thumbHashToAverageRGBA, thumbHashToRGBA } from 'thumbhash';
import { describe, expect, it } from 'vitest';
import { InvalidImageError } from '../src/errors';
import { makePlaceholder } from '../src/placeholder';

const solid = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .webp()
    .toBuffer();

describe('makePlaceholder', () => {
  it('gives the dominant colour as #rrggbb', async () => {
    // Three quarters blue, one quarter red: blue dominates.
    const blue = await sharp({ create: { width: 160, height: 120, channels: 3, background: '#1040c0' } })
      .composite([{ input: await solid(40, 120, '#e02020'), left: 0, top: 0 }])
      .webp({ lossless: true })
      .toBuffer();

    const { dominantColor } = await makePlaceholder(blue);

    expect(dominantColor).toMatch(/^#[0-9a-f]{6}$/);
    const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(dominantColor.slice(at, at + 2), 16));
    expect(b).toBeGreaterThan(150);
    expect(r).toBeLessThan(60);
    expect(g).toBeLessThan(100);
  });

  it('encodes a ThumbHash that decodes to the image colours and aspect ratio', async () => {
    const { thumbHash } = await makePlaceholder(await solid(150, 100, '#20a040'));

    const bytes = Buffer.from(thumbHash, 'base64');
    expect(bytes.length).toBeLessThanOrEqual(30);
    const average = thumbHashToAverageRGBA(bytes);
    expect(average.g).toBeGreaterThan(average.r);
    expect(average.g).toBeGreaterThan(average.b);
    const decoded = thumbHashToRGBA(bytes);
    expect(decoded.w / decoded.h).toBeCloseTo(1.5, 0);
  });

  it('keeps transparency in the ThumbHash', async () => {
    const clear = await sharp({ create: { width: 150, height: 150, channels: 4, background: '#ff000000' } })
      .webp({ lossless: true })
      .toBuffer();

    const { thumbHash } = await makePlaceholder(clear);

    expect(thumbHashToAverageRGBA(Buffer.from(thumbHash, 'base64')).a).toBeLessThan(0.1);
  });

  it('rejects bytes that are not an image', async () => {
    await expect(makePlaceholder(Buffer.from('not an image'))).rejects.toBeInstanceOf(InvalidImageError);
  });
});
