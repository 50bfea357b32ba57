import { DEFAULT_RENDITION_PROFILE } from '@pipeline/domain';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeRenditions } from '../src/make-renditions';
import { squareSourceWidth } from '../src/square-crop';

/**
 * A 960 x 320 flat grey scene with a busy, saturated subject (red and yellow
 * stripes) near the right edge, far from the centre a centred crop keeps.
 */
async function offCentreSubject(): Promise<Buffer> {
  const stripes = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200">${Array.from(
      { length: 10 },
      (_, i) => `<rect x="${i * 20}" y="0" width="20" height="200" fill="${i % 2 ? '#ffdd00' : '#e01010'}"/>`,
    ).join('')}</svg>`,
  );
  return sharp({ create: { width: 960, height: 320, channels: 3, background: '#7a7a7a' } })
    .composite([{ input: stripes, left: 720, top: 60 }])
    .png()
    .toBuffer();
}

/** Share of pixels that are strongly red or yellow (the subject), 0-1. */
async function subjectShare(image: Buffer): Promise<number> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let subject = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const [red, green, blue] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
    if (red > 180 && blue < 90 && Math.abs(red - green) + Math.abs(green - blue) > 100) subject++;
  }
  return subject / (info.width * info.height);
}

describe('makeRenditions: the square crop', () => {
  it('is on by default, and keeps an off-centre subject in the square', async () => {
    expect(DEFAULT_RENDITION_PROFILE.sizes.find((s) => s.name === 'square')?.crop).toBe('square-attention');
    const input = await offCentreSubject();

    const square = (await makeRenditions(input)).find((r) => r.name === 'square' && r.format === 'webp');

    // The scene is 320 px high, so the square is 320 x 320: no upscaling, nothing to spare.
    expect(square).toMatchObject({ width: 320, height: 320, crop: 'square-attention' });
    const centred = await sharp(input).resize(320, 320, { fit: 'cover', position: 'centre' }).toBuffer();
    expect(await subjectShare(centred)).toBe(0);
    // The whole 200 x 200 subject is ~39% of the square: all of it (allowing for encoder blur at edges).
    expect(await subjectShare(square?.body as Buffer)).toBeGreaterThan(0.3);
  });
});

describe('squareSourceWidth', () => {
  it('picks the narrowest decoded width whose shorter side covers the square, else the widest', () => {
    // 3:2 landscape: 480 wide is 320 high.
    expect(squareSourceWidth([2048, 1024, 480, 150], 2 / 3, 320)).toBe(480);
    // Portrait 2:3: 320 wide is 480 high, but 150 is too narrow.
    expect(squareSourceWidth([320, 150], 3 / 2, 320)).toBe(320);
    expect(squareSourceWidth([300, 150], 1, 320)).toBe(300);
  });
});
