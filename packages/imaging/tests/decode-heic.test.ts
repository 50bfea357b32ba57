import { describe, expect, it } from 'vitest';
import { decodeHeic } from '../src/heic/decode-heic';
import { heicHevc } from './fixtures/crafted';
import { heicFixture, isRedAt, truncated } from './fixtures/heic-files';

const reason = (r: string) => expect.objectContaining({ reason: r });

describe('decodeHeic', () => {
  it('decodes a HEIC into RGBA pixels of its size', async () => {
    const image = await decodeHeic(heicFixture('quadrant-64x48.heic'));

    expect(image).toMatchObject({ width: 64, height: 48, channels: 4 });
    expect(image.data).toHaveLength(64 * 48 * 4);
    expect(isRedAt(image, 8, 8)).toBe(true);
    expect(isRedAt(image, 56, 8)).toBe(false);
    expect(isRedAt(image, 8, 40)).toBe(false);
  });

  it("applies the file's irot turn once, ignoring the EXIF orientation it also carries", async () => {
    const image = await decodeHeic(heicFixture('quadrant-64x48-irot270.heic'));

    // Stored 64x48 with red top-left; turned 90 degrees clockwise: 48x64 with red top-right.
    expect(image).toMatchObject({ width: 48, height: 64 });
    expect(isRedAt(image, 40, 8)).toBe(true);
    expect(isRedAt(image, 8, 8)).toBe(false);
    expect(isRedAt(image, 40, 56)).toBe(false);
  });

  it('rejects a truncated HEIC as Image::Corrupt', async () => {
    await expect(decodeHeic(truncated(heicFixture('quadrant-64x48.heic')))).rejects.toEqual(
      reason('Image::Corrupt'),
    );
  });

  it('rejects a HEIC whose HEVC data is not a bitstream as Image::Corrupt', async () => {
    await expect(decodeHeic(heicHevc(64, 48))).rejects.toEqual(reason('Image::Corrupt'));
  });

  it('rejects bytes that are not HEIF at all as Image::Corrupt', async () => {
    await expect(decodeHeic(Buffer.from('not a heif file at all'))).rejects.toEqual(reason('Image::Corrupt'));
  });

  it('rejects an image over maxPixels as Image::TooManyPixels, before decoding it', async () => {
    await expect(decodeHeic(heicFixture('quadrant-64x48.heic'), 64 * 48 - 1)).rejects.toEqual(
      reason('Image::TooManyPixels'),
    );
  });
});
