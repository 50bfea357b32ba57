import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AVIF_MIN_SAVING_PERCENT, keepAvifWhenBetter, keepAvifWhenSmaller } from '../src/avif-rule';

const r = (name: string, format: string, bytes: number) => ({ name, format, bytes, width: 100 });

describe('keepAvifWhenSmaller', () => {
  it('keeps every AVIF when, over the sizes in both formats, AVIF is at least 10% smaller', () => {
    const set = [r('s', 'webp', 100), r('s', 'avif', 95), r('l', 'webp', 1000), r('l', 'avif', 890)];
    expect(DEFAULT_AVIF_MIN_SAVING_PERCENT).toBe(10);
    expect(keepAvifWhenSmaller(set)).toEqual(set);
  });

  it('drops every AVIF of the image when the saving is under the margin', () => {
    const set = [r('s', 'webp', 100), r('s', 'avif', 80), r('l', 'webp', 1000), r('l', 'avif', 920)];
    expect(keepAvifWhenSmaller(set).map((x) => `${x.name}.${x.format}`)).toEqual(['s.webp', 'l.webp']);
  });

  it('uses the configured margin', () => {
    const set = [r('s', 'webp', 100), r('s', 'avif', 70)];
    expect(keepAvifWhenSmaller(set, 30)).toHaveLength(2);
    expect(keepAvifWhenSmaller(set, 31)).toHaveLength(1);
  });

  it('keeps an AVIF that has no WebP of its size to compare with, and leaves sets without AVIF alone', () => {
    expect(keepAvifWhenSmaller([r('s', 'jpeg', 100), r('s', 'avif', 500)])).toHaveLength(2);
    expect(keepAvifWhenSmaller([r('s', 'jpeg', 100), r('s', 'webp', 50)])).toHaveLength(2);
  });
});

describe('keepAvifWhenBetter', () => {
  /** Smooth gradient pixels with some noise: what the encoders are compared on. */
  async function scene() {
    const { data, info } = await sharp({
      create: {
        width: 480,
        height: 320,
        channels: 3,
        background: '#6a8caf',
        noise: { type: 'gaussian', mean: 120, sigma: 20 },
      },
    })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  }

  it('keeps AVIF that is smaller and as good, drops AVIF that is smaller but visibly worse', async () => {
    const source = await scene();
    const raw = () => sharp(source.data, { raw: source });
    const webp = {
      name: 'small',
      format: 'webp',
      width: 480,
      bytes: 1000,
      body: await raw().webp({ quality: 80 }).toBuffer(),
    };
    const good = {
      ...webp,
      format: 'avif',
      bytes: 800,
      body: await raw().avif({ quality: 90, effort: 0 }).toBuffer(),
    };
    const poor = { ...good, body: await raw().avif({ quality: 1, effort: 0 }).toBuffer() };
    const sourceOf = async () => source;

    expect((await keepAvifWhenBetter([webp, good], sourceOf)).map((x) => x.format)).toEqual(['webp', 'avif']);
    expect((await keepAvifWhenBetter([webp, poor], sourceOf)).map((x) => x.format)).toEqual(['webp']);
  });
});
