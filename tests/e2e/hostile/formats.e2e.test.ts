import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { RENDITION_SPECS } from '@pipeline/imaging';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  animated,
  CMYK_SAFE_RED,
  COLOURS,
  cmykJpeg,
  greyscale,
  jpegWithHugeMetadata,
  ORIENTED_DISPLAY,
  orientedJpeg,
  png16,
} from '../../support/awkward-images.ts';
import {
  cp,
  eventsFor,
  type Harness,
  LogWindow,
  pixel,
  put,
  renditionsOf,
  startHarness,
  waitForSettledRecord,
} from './harness.ts';

type Rgb = { r: number; g: number; b: number };

function expectColour(actual: [number, number, number], expected: Rgb, tolerance: number, what: string) {
  const { r, g, b } = expected;
  const off = Math.max(Math.abs(actual[0] - r), Math.abs(actual[1] - g), Math.abs(actual[2] - b));
  expect(off, `${what}: got rgb(${actual.join(', ')}), want about rgb(${r}, ${g}, ${b})`).toBeLessThanOrEqual(
    tolerance,
  );
}

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/**
 * Uploads `body` and checks the documented end state of a valid image:
 * PROCESSED at this version with the recorded size, the profile's renditions (and
 * nothing else) under `<imageId>/<version>/`, each a single frame, 8-bit
 * sRGB, sized min(target, width) and carrying no metadata (no EXIF, ICC,
 * XMP, orientation); image.accepted then image.processed; a clean run.
 * `via: 'cp'` uploads with the real `aws s3 cp` instead of a PutObject.
 */
async function expectProcessed(
  body: Buffer,
  ext: string,
  display: { width: number; height: number },
  via: 'put' | 'cp' = 'put',
) {
  const imageId = randomUUID();
  const key = `uploads/hostile-formats/${imageId}.${ext}`;
  const window = new LogWindow(harness);
  // aws s3 cp prints no ETag: the record's version is the one to check renditions against.
  let uploaded: string | undefined;
  if (via === 'put') uploaded = await put(key, body);
  else await cp(key, body);

  const record = await waitForSettledRecord(imageId, 'PROCESSED', uploaded);
  await window.expectSettledCleanly(imageId);
  const version = record.version;

  expect(record).toMatchObject({ key, version, bytes: body.length, ...display });
  const renditions = await renditionsOf(imageId);
  expect(renditions.map((r) => r.key).sort()).toEqual(
    RENDITION_SPECS.map((spec) => `${imageId}/${version}/${spec.name}.${spec.ext}`).sort(),
  );
  for (const { key: renditionKey, meta } of renditions) {
    const spec = RENDITION_SPECS.find((s) => renditionKey.endsWith(`/${s.name}.${s.ext}`));
    // A square crop's side is its width, capped by the shorter side of the image (never upscaled).
    const square = spec !== undefined && spec.crop !== 'none';
    const width = Math.min(spec?.width ?? 0, display.width, square ? display.height : display.width);
    const height = square ? width : (width * display.height) / display.width;
    expect(meta.format, renditionKey).toBe(spec?.format);
    expect(meta.width, renditionKey).toBe(width);
    expect(Math.abs((meta.height ?? 0) - height), renditionKey).toBeLessThanOrEqual(1);
    expect(meta.pages ?? 1, `${renditionKey} is one frame`).toBe(1);
    expect(meta.space, renditionKey).toBe('srgb');
    expect(meta.depth, renditionKey).toBe('uchar');
    expect(meta.channels, `${renditionKey}: RGB, no alpha in an opaque source`).toBe(3);
    expect(meta.icc, `${renditionKey} carries no ICC profile`).toBeUndefined();
    expect(meta.exif, `${renditionKey} carries no EXIF`).toBeUndefined();
    expect(meta.xmp, `${renditionKey} carries no XMP`).toBeUndefined();
    expect(meta.orientation, `${renditionKey} carries no orientation`).toBeUndefined();
  }
  expect((await eventsFor(harness, imageId)).map((event) => event.type)).toEqual([
    'image.accepted',
    'image.processed',
  ]);
  const byName = (name: string) => {
    const found = renditions.find((r) => r.key.endsWith(`/${name}`));
    if (!found) throw new Error(`no rendition ${name}`);
    return found.body;
  };
  return { record, renditions, byName };
}

describe('hostile input: awkward but valid images end PROCESSED with clean renditions: animation and colour', () => {
  describe.each(['gif', 'webp'] as const)('an animated %s', (format) => {
    it('is processed from its first frame: every rendition is one still frame of the first colour', async () => {
      const body = await animated(format, [COLOURS.red, COLOURS.blue, COLOURS.green], 320, 200);
      const source = await sharp(body).metadata();
      expect(source.pages, 'the upload really is animated').toBe(3);

      const { record, byName } = await expectProcessed(body, format, { width: 320, height: 200 });
      expect(record.format).toBe(format);
      for (const name of ['thumb.jpg', 'large.webp']) {
        expectColour(await pixel(byName(name), 10, 10), COLOURS.red, 24, `${name} shows the first frame`);
      }
    });
  });

  it('converts a CMYK JPEG with a 1 MB CMYK profile to sRGB renditions of the same colour', async () => {
    const body = await cmykJpeg(640, 480, CMYK_SAFE_RED);
    const source = await sharp(body).metadata();
    expect([source.space, source.channels]).toEqual(['cmyk', 4]);

    const { byName } = await expectProcessed(body, 'jpg', { width: 640, height: 480 });
    for (const name of ['thumb.jpg', 'medium.webp']) {
      expectColour(await pixel(byName(name), 20, 20), CMYK_SAFE_RED, 40, `${name} in sRGB`);
    }
  });

  it('reduces a 16-bit PNG to 8-bit sRGB renditions with the same tones', async () => {
    const body = await png16(640, 480);
    const source = await sharp(body).metadata();
    expect([source.depth, source.bitsPerSample]).toEqual(['ushort', 16]);

    const { byName } = await expectProcessed(body, 'png', { width: 640, height: 480 });
    const { channels } = await sharp(byName('medium.jpg')).stats();
    for (const channel of channels) expect(Math.abs(channel.mean - 128)).toBeLessThan(16);
  });

  it.each(['jpeg', 'png'] as const)(
    'turns a one-channel greyscale %s into grey sRGB renditions',
    async (format) => {
      const body = await greyscale(format, 640, 480);
      expect((await sharp(body).metadata()).channels).toBe(1);

      const { byName } = await expectProcessed(body, format === 'jpeg' ? 'jpg' : 'png', {
        width: 640,
        height: 480,
      });
      for (const name of ['small.jpg', 'small.webp']) {
        const [r, g, b] = await pixel(byName(name), 100, 100);
        expect(Math.max(r, g, b) - Math.min(r, g, b), `${name} stays grey`).toBeLessThanOrEqual(6);
      }
    },
  );
});

describe('hostile input: awkward but valid images end PROCESSED with clean renditions: orientation and metadata', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'stores EXIF orientation %i upright: landscape, red corner top-left, no orientation tag',
    async (orientation) => {
      const body = await orientedJpeg(orientation);
      const { width, height } = ORIENTED_DISPLAY;
      const stored = await sharp(body).metadata();
      expect(stored.orientation).toBe(orientation);
      expect(stored.width, 'orientations 5-8 are stored portrait').toBe(orientation >= 5 ? height : width);

      const { byName } = await expectProcessed(body, 'jpg', { width, height });
      for (const name of ['large.jpg', 'thumb.webp']) {
        const image = byName(name);
        const { width: w = 0, height: h = 0 } = await sharp(image).metadata();
        const inset = 5;
        expectColour(await pixel(image, inset, inset), COLOURS.red, 40, `${name} top-left`);
        expectColour(await pixel(image, w - 1 - inset, inset), COLOURS.green, 40, `${name} top-right`);
        expectColour(await pixel(image, inset, h - 1 - inset), COLOURS.green, 40, `${name} bottom-left`);
        expectColour(
          await pixel(image, w - 1 - inset, h - 1 - inset),
          COLOURS.green,
          40,
          `${name} bottom-right`,
        );
      }
    },
  );

  it('processes a JPEG with a 1.1 MB ICC profile and a 60 KB EXIF block, and strips both', async () => {
    const body = await jpegWithHugeMetadata(1_100_000, 1600, 1200);
    const source = await sharp(body).metadata();
    expect(source.icc?.length, 'the ICC profile').toBeGreaterThan(1_100_000);
    expect(source.exif?.length, 'the EXIF block').toBeGreaterThan(60_000);

    const { renditions } = await expectProcessed(body, 'jpg', { width: 1600, height: 1200 });
    // Metadata is checked per rendition above; the sizes show nothing rode along unparsed either.
    for (const { key, body: rendition } of renditions) {
      expect(rendition.length, key).toBeLessThan(1_000_000);
    }
  });
});

describe('hostile input: an iPhone HEIC ends PROCESSED', () => {
  it('processes a HEIC uploaded with aws s3 cp: decoded by libheif, turned once by its irot, no metadata', async () => {
    // 64x48 stored, irot turns it to 48x64 with the red quadrant top-right; its EXIF also says 6 (iPhone style).
    const body = await readFile(
      new URL('../../../packages/imaging/tests/fixtures/heic/quadrant-64x48-irot270.heic', import.meta.url),
    );
    expect((await sharp(body).metadata()).compression, 'the upload really is HEVC').toBe('hevc');

    const { record, byName } = await expectProcessed(body, 'heic', { width: 48, height: 64 }, 'cp');
    expect(record.format).toBe('heic');
    for (const name of ['thumb.jpg', 'thumb.webp']) {
      const image = byName(name);
      const { width = 0 } = await sharp(image).metadata();
      expectColour(await pixel(image, width - 6, 5), { r: 220, g: 20, b: 20 }, 50, `${name} top-right`);
      expectColour(await pixel(image, 5, 5), { r: 20, g: 20, b: 200 }, 50, `${name} top-left`);
    }
  });
});
