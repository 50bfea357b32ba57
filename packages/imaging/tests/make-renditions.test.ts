import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { makeRenditions, type Rendition } from '../src/make-renditions';
import {
  animatedGif,
  encodeAs,
  flatPng,
  jpegWithOrientation,
  jpegWithPrivateMetadata,
  pngWithAlpha,
} from './fixtures/images';

const sharpCalls = vi.hoisted(() => [] as unknown[][]);
vi.mock('sharp', async (importOriginal) => {
  const actual = (await importOriginal<typeof import('sharp')>()).default;
  const recording = (...args: Parameters<typeof actual>) => {
    sharpCalls.push(args);
    return actual(...args);
  };
  return { default: Object.assign(recording, actual) };
});

const byKey = (renditions: Rendition[]) => new Map(renditions.map((r) => [`${r.name}.${r.format}`, r]));

describe('makeRenditions: names and sizes', () => {
  it("makes the default profile's ten renditions with their names, formats and content types", async () => {
    // Wider than the largest rendition, so every width is reached; a low strip keeps the pixels few.
    const renditions = await makeRenditions(await encodeAs('jpeg', 2400, 160));

    expect(
      renditions.map(({ name, format, ext, contentType }) => ({ name, format, ext, contentType })),
    ).toEqual(
      ['thumb', 'small', 'medium', 'large', 'square'].flatMap((name) => [
        { name, format: 'jpeg', ext: 'jpg', contentType: 'image/jpeg' },
        { name, format: 'webp', ext: 'webp', contentType: 'image/webp' },
      ]),
    );
    for (const rendition of renditions) {
      const metadata = await sharp(rendition.body).metadata();
      expect(metadata).toMatchObject({
        format: rendition.format,
        width: rendition.width,
        height: rendition.height,
      });
      expect(rendition.bytes).toBe(rendition.body.length);
    }
    // The strip is 160 px high: the 320 px square is as large as its shorter side allows.
    expect(renditions.map((r) => r.width)).toEqual([150, 150, 480, 480, 1024, 1024, 2048, 2048, 160, 160]);
  });

  it('applies EXIF orientation 6 so a 400x300 landscape file becomes portrait renditions', async () => {
    const input = await jpegWithOrientation(400, 300, 6);

    const renditions = byKey(await makeRenditions(input));

    // Displayed 300x400: the large rendition is the whole portrait (never upscaled), the thumb 150 wide.
    expect(renditions.get('large.jpeg')).toMatchObject({ width: 300, height: 400 });
    expect(renditions.get('thumb.webp')).toMatchObject({ width: 150, height: 200 });
    expect(renditions.get('square.webp')).toMatchObject({ width: 300, height: 300 });
    for (const rendition of [...renditions.values()].filter((r) => r.crop === 'none')) {
      const metadata = await sharp(rendition.body).metadata();
      expect(metadata.height).toBeGreaterThan(metadata.width);
      expect(metadata.orientation).toBeUndefined();
      expect(metadata.exif).toBeUndefined();
    }
  });

  it('never upscales: a 300 px wide image gives a 150 px thumb and 300 px for every larger size', async () => {
    const renditions = await makeRenditions(await encodeAs('png', 300, 200));

    expect(renditions).toHaveLength(10);
    expect(renditions.map((r) => `${r.name}:${r.width}x${r.height}`)).toEqual([
      'thumb:150x100',
      'thumb:150x100',
      'small:300x200',
      'small:300x200',
      'medium:300x200',
      'medium:300x200',
      'large:300x200',
      'large:300x200',
      'square:200x200',
      'square:200x200',
    ]);
  });

  it('keeps a very tall strip within the WebP size limit', async () => {
    const renditions = await makeRenditions(await flatPng(100, 20_000));

    expect(Math.max(...renditions.map((r) => r.height))).toBeLessThanOrEqual(16_383);
    expect(renditions.find((r) => r.name === 'large')).toMatchObject({ width: 82, height: 16_383 });
  });
});

describe('makeRenditions: pixels and metadata', () => {
  it('strips EXIF, GPS, XMP and ICC metadata', async () => {
    const input = await jpegWithPrivateMetadata();
    const before = await sharp(input).metadata();
    expect(before.exif?.toString('latin1')).toContain('PipelineCam');
    expect(before).toMatchObject({ hasProfile: true, xmp: expect.any(Buffer) });

    const renditions = await makeRenditions(input);

    for (const rendition of renditions) {
      const metadata = await sharp(rendition.body).metadata();
      expect([metadata.exif, metadata.xmp, metadata.icc, metadata.iptc]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      expect(metadata).toMatchObject({ hasProfile: false, space: 'srgb' });
      expect(rendition.body.includes('PipelineCam')).toBe(false);
    }
  });

  it('keeps alpha in WebP and flattens it onto white in JPEG', async () => {
    const renditions = byKey(await makeRenditions(await pngWithAlpha(400, 300)));

    const webp = await sharp(renditions.get('small.webp')?.body).metadata();
    const jpeg = renditions.get('small.jpeg')?.body;
    expect(webp).toMatchObject({ hasAlpha: true, channels: 4 });
    expect(await sharp(jpeg).metadata()).toMatchObject({ hasAlpha: false, channels: 3 });
    // Half-transparent red over white is pink, not dark red (which flattening onto black would give).
    const { data } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240);
    expect(data[1]).toBeGreaterThan(110);
  });

  it('renders only the first frame of an animated GIF', async () => {
    const renditions = byKey(await makeRenditions(await animatedGif(320, 200)));

    const webp = renditions.get('small.webp');
    const metadata = await sharp(webp?.body).metadata();
    const { data } = await sharp(webp?.body).raw().toBuffer({ resolveWithObject: true });
    expect(metadata.pages ?? 1).toBe(1);
    expect(webp).toMatchObject({ width: 320, height: 200 });
    expect(data[0]).toBeGreaterThan(200); // red: the first frame
    expect(data[2]).toBeLessThan(50);
  });

  it('decodes the original once and derives every size from the resized pixels', async () => {
    // Wider than the largest rendition, so all four widths are derived; a low strip keeps the pixels few.
    const input = await encodeAs('jpeg', 3000, 200);
    sharpCalls.length = 0;

    await makeRenditions(input);

    const fromOriginal = sharpCalls.filter(([source]) => source === input);
    expect(fromOriginal).toHaveLength(2); // one header read (metadata only) and one decode
    const others = sharpCalls.filter(([source]) => source !== input);
    expect(others.every(([, options]) => (options as { raw?: unknown } | undefined)?.raw)).toBe(true);
  });
});

describe('makeRenditions: rejections', () => {
  it('rejects a truncated JPEG as Image::Corrupt', async () => {
    const jpeg = await jpegWithOrientation(400, 300, 1);

    await expect(makeRenditions(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)))).rejects.toMatchObject({
      reason: 'Image::Corrupt',
    });
  });

  it('rejects an image over maxPixels as Image::TooManyPixels', async () => {
    const input = await encodeAs('png', 200, 100);

    await expect(makeRenditions(input, { maxPixels: 10_000 })).rejects.toMatchObject({
      reason: 'Image::TooManyPixels',
    });
  });

  it('rejects a quality outside 1-100, naming the option', async () => {
    const input = await encodeAs('png', 20, 10);

    await expect(makeRenditions(input, { jpegQuality: 0 })).rejects.toMatchObject({
      name: 'InvalidImagingOptionError',
      option: 'jpegQuality',
    });
  });
});
