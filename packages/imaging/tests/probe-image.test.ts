import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { probeImage } from '../src/probe-image';
import { heicHevc, pngDeclaring } from './fixtures/crafted';
import { animatedGif, encodeAs, jpegWithOrientation, pngWithAlpha } from './fixtures/images';

// Records every sharp() call, so tests can prove some inputs never reach a libvips loader.
const sharpCalls = vi.hoisted(() => [] as unknown[][]);
vi.mock('sharp', async (importOriginal) => {
  const actual = (await importOriginal<typeof import('sharp')>()).default;
  const recording = (...args: Parameters<typeof actual>) => {
    sharpCalls.push(args);
    return actual(...args);
  };
  return { default: Object.assign(recording, actual) };
});

describe('probeImage: accepted formats', () => {
  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
    ['gif', 'image/gif'],
    ['avif', 'image/avif'],
    ['tiff', 'image/tiff'],
  ] as const)('identifies %s from its content', async (format, mimeType) => {
    const input = await encodeAs(format, 64, 48);

    const probe = await probeImage(input);

    expect(probe).toEqual({
      format,
      mimeType,
      width: 64,
      height: 48,
      orientation: 1,
      pages: 1,
      hasAlpha: false,
      bytes: input.length,
    });
  });

  it('reports the displayed size of an image with EXIF orientation 6', async () => {
    const input = await jpegWithOrientation(400, 300, 6);

    const probe = await probeImage(input);

    expect(probe).toMatchObject({ format: 'jpeg', width: 300, height: 400, orientation: 6 });
  });

  it('reports alpha', async () => {
    await expect(probeImage(await pngWithAlpha())).resolves.toMatchObject({
      format: 'png',
      hasAlpha: true,
    });
  });

  it('reports the frame count and one frame height of an animated GIF', async () => {
    const probe = await probeImage(await animatedGif(320, 200));

    expect(probe).toMatchObject({ format: 'gif', width: 320, height: 200, pages: 2 });
  });
});

describe('probeImage: what is not an accepted image', () => {
  it('rejects zero bytes as Image::Empty', async () => {
    await expect(probeImage(Buffer.alloc(0))).rejects.toMatchObject({ reason: 'Image::Empty' });
  });

  it.each([
    ['plain text', 'just some notes\nnot a photo\n'],
    ['HTML', '<!DOCTYPE html><html><body><svg width="1" height="1"></svg></body></html>'],
    ['a PDF', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'],
  ])('rejects %s as Image::NotAnImage', async (_label, content) => {
    await expect(probeImage(Buffer.from(content, 'latin1'))).rejects.toMatchObject({
      name: 'InvalidImageError',
      reason: 'Image::NotAnImage',
    });
  });

  it.each([
    ['plain', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'],
    [
      'with an XML prolog',
      '\uFEFF<?xml version="1.0"?>\n<!-- x -->\n<svg xmlns="http://www.w3.org/2000/svg"/>',
    ],
  ])('rejects SVG (%s) as Image::UnsupportedFormat without handing it to sharp', async (_label, svg) => {
    sharpCalls.length = 0;

    await expect(probeImage(Buffer.from(svg))).rejects.toMatchObject({
      reason: 'Image::UnsupportedFormat',
    });
    expect(sharpCalls).toHaveLength(0);
  });

  it('rejects an HEVC HEIC as Image::UnsupportedFormat when HEIC is turned off', async () => {
    vi.stubEnv('HEIC_ENABLED', 'false');
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });

    await expect(probeImage(heicHevc())).rejects.toMatchObject({
      reason: 'Image::UnsupportedFormat',
      message: expect.stringMatching(/HEIF.*hevc/),
    });
  });

  it('rejects a BMP as Image::UnsupportedFormat', async () => {
    const bmp = Buffer.alloc(64);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(40, 14);

    await expect(probeImage(bmp)).rejects.toMatchObject({ reason: 'Image::UnsupportedFormat' });
  });
});

describe('probeImage: corrupt input and limits', () => {
  it('rejects a JPEG truncated at 60% of its bytes as Image::Corrupt', async () => {
    const jpeg = await jpegWithOrientation(400, 300, 1);

    const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));

    await expect(probeImage(truncated)).rejects.toMatchObject({ reason: 'Image::Corrupt' });
  });

  it('rejects a PNG truncated after its header as Image::Corrupt', async () => {
    const png = await encodeAs('png', 300, 200);

    await expect(probeImage(png.subarray(0, 120))).rejects.toMatchObject({ reason: 'Image::Corrupt' });
  });

  it('rejects a JPEG signature followed by garbage as Image::Corrupt', async () => {
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 0x41)]);

    await expect(probeImage(garbage)).rejects.toMatchObject({ reason: 'Image::Corrupt' });
  });

  it('rejects a PNG header declaring 30000x30000 as Image::TooManyPixels before decoding', async () => {
    await expect(probeImage(pngDeclaring(30_000, 30_000))).rejects.toMatchObject({
      reason: 'Image::TooManyPixels',
      statusCode: 413,
      message: 'image is 30000x30000 = 900 MP, over the 50 MP limit',
    });
  });

  it('applies a caller-supplied pixel limit', async () => {
    const input = await encodeAs('png', 200, 100);

    await expect(probeImage(input, { maxPixels: 19_999 })).rejects.toMatchObject({
      reason: 'Image::TooManyPixels',
    });
  });

  it('rejects input over maxBytes as Image::TooLarge', async () => {
    const input = await encodeAs('jpeg', 64, 48);

    await expect(probeImage(input, { maxBytes: input.length - 1 })).rejects.toMatchObject({
      reason: 'Image::TooLarge',
      statusCode: 413,
    });
  });

  it('rejects a limit that is not positive', async () => {
    await expect(probeImage(Buffer.from('x'), { maxBytes: 0 })).rejects.toMatchObject({
      name: 'InvalidImagingOptionError',
      option: 'maxBytes',
    });
  });
});
