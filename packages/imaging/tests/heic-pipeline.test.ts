import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bufferSource } from '../src/byte-source';
import { makeRenditions } from '../src/make-renditions';
import { probeImage } from '../src/probe-image';
import { readHeaderFromPrefix } from '../src/read-header-prefix';
import { heicHevc } from './fixtures/crafted';
import { heicFixture, isRedAt, truncated } from './fixtures/heic-files';

const reason = (r: string) => expect.objectContaining({ reason: r });
const rotated = () => heicFixture('quadrant-64x48-irot270.heic');

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('HEIC: identified by content', () => {
  it('probeImage names HEVC-coded HEIF heic, with its displayed size', async () => {
    const probe = await probeImage(rotated());

    expect(probe).toMatchObject({ format: 'heic', mimeType: 'image/heic', width: 48, height: 64 });
    // The turn is the file's irot, already in the dimensions: no EXIF orientation left to apply.
    expect(probe.orientation).toBe(1);
  });

  it("readHeaderFromPrefix (ingest's check) accepts it from the header alone", async () => {
    await expect(
      readHeaderFromPrefix(bufferSource(heicFixture('quadrant-64x48.heic'))),
    ).resolves.toMatchObject({ format: 'heic', mimeType: 'image/heic', width: 64, height: 48 });
  });

  it('checks the pixel limit on the header before decoding', async () => {
    await expect(readHeaderFromPrefix(bufferSource(heicHevc(10_000, 10_000)))).rejects.toEqual(
      reason('Image::TooManyPixels'),
    );
    await expect(makeRenditions(heicHevc(10_000, 10_000))).rejects.toEqual(reason('Image::TooManyPixels'));
  });
});

describe('HEIC: renditions', () => {
  it('makes every rendition, turned once by irot, with no metadata', async () => {
    const renditions = await makeRenditions(rotated());

    expect(renditions.length).toBeGreaterThan(0);
    for (const rendition of renditions.filter((r) => r.crop === 'none')) {
      expect([rendition.name, rendition.width, rendition.height]).toEqual([rendition.name, 48, 64]);
      const meta = await sharp(rendition.body).metadata();
      expect(meta).toMatchObject({ width: 48, height: 64 });
      expect([meta.exif, meta.xmp, meta.icc, meta.orientation]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      const raw = await sharp(rendition.body).raw().toBuffer({ resolveWithObject: true });
      const pixels = { data: raw.data, width: raw.info.width, channels: raw.info.channels };
      expect([isRedAt(pixels, 40, 8), isRedAt(pixels, 8, 8)]).toEqual([true, false]);
    }
  });

  it('rejects a truncated HEIC as Image::Corrupt', async () => {
    await expect(makeRenditions(truncated(heicFixture('quadrant-64x48.heic')))).rejects.toEqual(
      reason('Image::Corrupt'),
    );
    await expect(probeImage(truncated(heicFixture('quadrant-64x48.heic')))).rejects.toEqual(
      reason('Image::Corrupt'),
    );
  });
});

describe('HEIC turned off (HEIC_ENABLED=false)', () => {
  it('rejects it as Image::UnsupportedFormat everywhere, as before HEIC support', async () => {
    vi.stubEnv('HEIC_ENABLED', 'false');
    const heic = heicFixture('quadrant-64x48.heic');

    await expect(readHeaderFromPrefix(bufferSource(heic))).rejects.toEqual(
      reason('Image::UnsupportedFormat'),
    );
    await expect(probeImage(heic)).rejects.toEqual(reason('Image::UnsupportedFormat'));
    await expect(makeRenditions(heic)).rejects.toEqual(reason('Image::UnsupportedFormat'));
  });

  it('still accepts AVIF', async () => {
    vi.stubEnv('HEIC_ENABLED', 'false');
    const avif = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
      .avif()
      .toBuffer();

    await expect(probeImage(avif)).resolves.toMatchObject({ format: 'avif' });
  });
});
