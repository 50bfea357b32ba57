import { describe, expect, it, vi } from 'vitest';
import { bufferSource, HEADER_BYTES, prefixSource } from '../src/byte-source';
import { makeRenditions } from '../src/make-renditions';
import { readHeaderFromPrefix } from '../src/read-header-prefix';
import { pngDeclaring } from './fixtures/crafted';
import { canvas } from './fixtures/images';
import { appSegment, jpegDeclaring, recordedSource, withSegmentsFirst } from './fixtures/prefix-sources';

// Records every sharp() call, so tests can prove which inputs reach libvips at all.
const sharpCalls = vi.hoisted(() => [] as unknown[][]);
vi.mock('sharp', async (importOriginal) => {
  const actual = (await importOriginal<typeof import('sharp')>()).default;
  const recording = (...args: Parameters<typeof actual>) => {
    sharpCalls.push(args);
    return actual(...args);
  };
  return { default: Object.assign(recording, actual) };
});

const reason = (r: string) => expect.objectContaining({ reason: r });

describe('readHeaderFromPrefix: limits, from the size and the header alone', () => {
  it('rejects an empty object as Image::Empty', async () => {
    await expect(readHeaderFromPrefix(bufferSource(Buffer.alloc(0)))).rejects.toEqual(reason('Image::Empty'));
  });

  it('rejects an object over the byte limit from its size, reading nothing past the prefix', async () => {
    const jpeg = await canvas(64, 48).jpeg().toBuffer();
    const fetch = vi.fn();
    const source = prefixSource(jpeg, 60 * 1024 * 1024, fetch);

    await expect(readHeaderFromPrefix(source)).rejects.toEqual(reason('Image::TooLarge'));
    expect(fetch).not.toHaveBeenCalled();
  });

  it('rejects a PNG declaring 30000 x 30000 (a decompression bomb) as Image::TooManyPixels', async () => {
    sharpCalls.length = 0;
    await expect(readHeaderFromPrefix(bufferSource(pngDeclaring(30_000, 30_000)))).rejects.toMatchObject({
      reason: 'Image::TooManyPixels',
      message: expect.stringContaining('30000x30000'),
    });
    expect(sharpCalls, 'no sharp call: the header is parsed in TypeScript').toEqual([]);
  });

  it('rejects a JPEG whose frame header declares 65000 x 65000 as Image::TooManyPixels', async () => {
    const bomb = jpegDeclaring(await canvas(64, 48).jpeg().toBuffer(), 65_000, 65_000);

    await expect(readHeaderFromPrefix(bufferSource(bomb))).rejects.toEqual(reason('Image::TooManyPixels'));
  });

  it('applies the pixel limit given', async () => {
    const jpeg = await canvas(200, 100).jpeg().toBuffer();
    const source = bufferSource(jpeg);

    await expect(readHeaderFromPrefix(source, { maxPixels: 19_999 })).rejects.toEqual(
      reason('Image::TooManyPixels'),
    );
  });
});

describe('readHeaderFromPrefix: what is not an accepted image', () => {
  it.each([
    ['text', Buffer.from('hello, I am not a photo\n'), 'Image::NotAnImage'],
    ['a PDF', Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), 'Image::NotAnImage'],
    [
      'an SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'),
      'Image::UnsupportedFormat',
    ],
  ])('rejects %s', async (_name, content, expected) => {
    await expect(readHeaderFromPrefix(bufferSource(content))).rejects.toEqual(reason(expected));
  });
});

describe('readHeaderFromPrefix: unreadable headers are Image::Corrupt', () => {
  it.each([
    ['a JPEG cut inside its header', async () => (await canvas(64, 48).jpeg().toBuffer()).subarray(0, 100)],
    [
      'a JPEG whose scan comes before any frame header',
      async () => Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2]),
    ],
    ['a PNG without IHDR first', async () => (await canvas(64, 48).png().toBuffer()).fill(0x41, 12, 16)],
    [
      'a WebP with an unknown first chunk',
      async () => (await canvas(64, 48).webp().toBuffer()).fill(0x41, 12, 16),
    ],
    ['a TIFF whose IFD lies past its end', async () => Buffer.from('II*\0\xff\xff\xff\x0f', 'latin1')],
    ['a GIF with no image', async () => Buffer.from('GIF89a\x10\x00\x10\x00\x00\x00\x00\x3b', 'latin1')],
    ['a TIFF without dimensions', async () => Buffer.from('II*\0\x08\0\0\0\0\0\0\0\0\0', 'latin1')],
  ])('rejects %s', async (_name, make) => {
    await expect(readHeaderFromPrefix(bufferSource(await make()))).rejects.toEqual(reason('Image::Corrupt'));
  });

  it('rejects a JPEG whose frame header lies past the reads allowed', async () => {
    const filler = Array.from({ length: 6 }, () => appSegment(0xed, 65_533));
    const whole = withSegmentsFirst(await canvas(64, 48).jpeg().toBuffer(), ...filler);
    const { source, reads } = recordedSource(whole, HEADER_BYTES, 0);

    await expect(readHeaderFromPrefix(source)).rejects.toEqual(reason('Image::Corrupt'));
    expect(reads).toEqual([]);
  });

  it('propagates an error of the ranged read (S3: transient), not a rejection', async () => {
    const filler = Array.from({ length: 6 }, () => appSegment(0xed, 65_533));
    const whole = withSegmentsFirst(await canvas(64, 48).jpeg().toBuffer(), ...filler);
    const source = prefixSource(whole.subarray(0, HEADER_BYTES), whole.length, () =>
      Promise.reject(new Error('SlowDown')),
    );

    await expect(readHeaderFromPrefix(source)).rejects.toThrow('SlowDown');
  });
});

describe('a truncated body: the header passes, the decode rejects', () => {
  it('accepts the header of a JPEG truncated at 60%, which makeRenditions rejects as Image::Corrupt', async () => {
    const jpeg = await canvas(800, 600).jpeg().toBuffer();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));

    await expect(readHeaderFromPrefix(bufferSource(truncated))).resolves.toMatchObject({
      width: 800,
      height: 600,
    });
    await expect(makeRenditions(truncated)).rejects.toEqual(reason('Image::Corrupt'));
  });

  it('accepts the header of a PNG with garbage pixel data, which makeRenditions rejects as Image::Corrupt', async () => {
    const png = await canvas(300, 200).png().toBuffer();
    const garbage = Buffer.from(png);
    garbage.fill(0x5a, 100, garbage.length - 12);

    await expect(readHeaderFromPrefix(bufferSource(garbage))).resolves.toMatchObject({
      width: 300,
      height: 200,
    });
    await expect(makeRenditions(garbage)).rejects.toEqual(reason('Image::Corrupt'));
  });
});
