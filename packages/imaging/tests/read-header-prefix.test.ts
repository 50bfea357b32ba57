import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bufferSource, HEADER_BYTES } from '../src/byte-source';
import { readHeaderFromPrefix } from '../src/read-header-prefix';
import { canvas, jpegWithOrientation } from './fixtures/images';
import {
  appSegment,
  formatVariants,
  recordedSource,
  withBytesAfterFirstSegment,
  withSegmentsFirst,
} from './fixtures/prefix-sources';

/** A prefix much smaller than any fixture, so a parser that needs the whole file would have to ask for it. */
const PREFIX = 4096;

describe('readHeaderFromPrefix: every accepted format from a prefix', async () => {
  const variants = await formatVariants(900, 600);

  it.each(variants)(
    'reads a %s from its first 4 KiB as sharp does from the whole file',
    async (_name, format, whole) => {
      expect(whole.length, 'the fixture is larger than the prefix').toBeGreaterThan(PREFIX);
      const { source, reads } = recordedSource(whole, PREFIX);

      const facts = await readHeaderFromPrefix(source);

      const full = await sharp(whole).metadata();
      expect(facts).toEqual({
        format,
        mimeType: `image/${format}`,
        width: full.width,
        height: full.height,
        orientation: 1,
        bytes: whole.length,
      });
      // TIFF writers (libvips among them) put the first IFD after the strips: one read there, nothing between.
      if (format === 'tiff') expect(reads.map(([start]) => start)).toEqual([whole.readUInt32LE(4)]);
      else expect(reads, 'reads past the prefix').toEqual([]);
    },
  );
});

describe('readHeaderFromPrefix: orientation', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'gives the displayed size of a JPEG with EXIF orientation %i',
    async (orientation) => {
      const whole = await jpegWithOrientation(400, 300, orientation);

      const facts = await readHeaderFromPrefix(bufferSource(whole));

      const turned = orientation >= 5;
      expect(facts).toMatchObject({ width: turned ? 300 : 400, height: turned ? 400 : 300, orientation });
    },
  );

  it.each(['png', 'webp', 'tiff'] as const)(
    'applies the EXIF orientation of a %s as sharp does',
    async (format) => {
      const whole = await canvas(600, 400)[format]().withMetadata({ orientation: 6 }).toBuffer();

      const facts = await readHeaderFromPrefix(recordedSource(whole, PREFIX).source);

      const full = await sharp(whole).metadata();
      expect(full.autoOrient, 'sharp turns it too').toEqual({ width: 400, height: 600 });
      expect(facts).toMatchObject({ format, width: 400, height: 600, orientation: 6 });
    },
  );

  it('reads the orientation from the EXIF APP1, not an XMP APP1 before it', async () => {
    const xmp = Buffer.concat([
      Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'),
      Buffer.alloc(200, 0x20),
    ]);
    const head = Buffer.from([0xff, 0xe1, 0, 0]);
    head.writeUInt16BE(xmp.length + 2, 2);
    const whole = withSegmentsFirst(await jpegWithOrientation(400, 300, 6), Buffer.concat([head, xmp]));

    await expect(readHeaderFromPrefix(bufferSource(whole))).resolves.toMatchObject({
      width: 300,
      orientation: 6,
    });
  });
});

describe('readHeaderFromPrefix: headers further in', () => {
  it('follows a JPEG whose metadata pushes the frame header past the prefix, reading only segment headers', async () => {
    // Five 64 KiB APP13 segments (Photoshop data, say) before the frame header: SOF at ~320 KiB.
    const filler = Array.from({ length: 5 }, () => appSegment(0xed, 65_533));
    const whole = withSegmentsFirst(await canvas(640, 480).jpeg().toBuffer(), ...filler);
    expect((await sharp(whole).metadata()).width, 'sharp reads it').toBe(640);
    const { source, reads } = recordedSource(whole, HEADER_BYTES);

    const facts = await readHeaderFromPrefix(source);

    expect(facts).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
    expect(reads, 'one more read, from the first segment header past the prefix').toHaveLength(1);
    expect(source.bytesRead).toBeLessThan(HEADER_BYTES * 2 + 1);
  });

  it('skips garbage between JPEG segments as libjpeg does', async () => {
    const jpeg = await canvas(320, 200).jpeg().toBuffer();
    const whole = withBytesAfterFirstSegment(jpeg, Buffer.from([0, 0, 0x13, 0x37]));
    expect((await sharp(whole).metadata()).width, 'sharp reads it').toBe(320);

    await expect(readHeaderFromPrefix(bufferSource(whole))).resolves.toMatchObject({
      width: 320,
      height: 200,
    });
  });

  it("reads a large WebP's EXIF chunk at its end with one ranged read", async () => {
    const whole = await canvas(1500, 1000).webp({ quality: 100 }).withMetadata({ orientation: 8 }).toBuffer();
    expect(whole.length).toBeGreaterThan(PREFIX * 4);
    const { source, reads } = recordedSource(whole, PREFIX);

    await expect(readHeaderFromPrefix(source)).resolves.toMatchObject({
      width: 1000,
      height: 1500,
      orientation: 8,
    });
    expect(reads).toHaveLength(1);
  });
});
