import sharp from 'sharp';
import { u32 } from './hostile-fixtures.ts';

/**
 * Generators for the accepted half of the hostile input matrix
 * (tests/e2e/hostile): the awkward but valid images real cameras and editors
 * produce (animations, CMYK, 16-bit, greyscale, EXIF orientations, huge
 * metadata). Everything is made in memory; nothing is checked in.
 */

/** Solid colours used to tell frames and corners apart in renditions. */
export const COLOURS = {
  red: { r: 255, g: 0, b: 0 },
  blue: { r: 0, g: 0, b: 255 },
  green: { r: 0, g: 160, b: 0 },
} as const;

type Colour = { r: number; g: number; b: number };

function solid(width: number, height: number, colour: Colour) {
  return sharp({ create: { width, height, channels: 3, background: colour } });
}

/** A looping animation, one solid frame per colour (first frame first), as GIF or WebP. */
export async function animated(
  format: 'gif' | 'webp',
  colours: readonly Colour[] = [COLOURS.red, COLOURS.blue, COLOURS.green],
  width = 320,
  height = 200,
): Promise<Buffer> {
  const frames = await Promise.all(colours.map((colour) => solid(width, height, colour).png().toBuffer()));
  const joined = sharp(frames, { join: { animated: true } });
  return (
    format === 'gif' ? joined.gif({ delay: 100, loop: 0 }) : joined.webp({ delay: 100, loop: 0 })
  ).toBuffer();
}

/** A photo-like noisy RGB canvas. */
function noisy(width: number, height: number) {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  });
}

/** A brick red inside the CMYK gamut (pure sRGB blue or green is not, and would come back dulled). */
export const CMYK_SAFE_RED = { r: 220, g: 40, b: 40 } as const;

/**
 * A CMYK JPEG as print workflows export it: pixels converted with, and
 * tagged with, a ~1 MB CMYK profile (sharp's built-in SWOP-like profile).
 * Solid `colour`, so the colour of the sRGB renditions can be checked.
 */
export function cmykJpeg(width = 640, height = 480, colour: Colour = CMYK_SAFE_RED): Promise<Buffer> {
  return solid(width, height, colour).withIccProfile('cmyk').jpeg({ quality: 95 }).toBuffer();
}

/** A 16-bit-per-channel RGB PNG. */
export function png16(width = 640, height = 480): Promise<Buffer> {
  return noisy(width, height).toColourspace('rgb16').png().toBuffer();
}

/** A one-channel greyscale image. */
export function greyscale(format: 'jpeg' | 'png', width = 640, height = 480): Promise<Buffer> {
  const image = noisy(width, height).toColourspace('b-w');
  return (format === 'jpeg' ? image.jpeg({ quality: 90 }) : image.png()).toBuffer();
}

/** Size of the image as displayed, whatever its EXIF orientation. */
export const ORIENTED_DISPLAY = { width: 240, height: 160, mark: 48 } as const;

/**
 * Which corner of the stored pixels ends up top-left once EXIF orientation
 * `o` is applied (EXIF 2.3, tag 0x0112): 1 as is, 2 mirrored, 3 rotated 180,
 * 4 flipped, 5 transposed, 6 rotated 90 CW, 7 transversed, 8 rotated 90 CCW.
 */
const STORED_CORNER_SHOWN_TOP_LEFT: Record<number, 'tl' | 'tr' | 'br' | 'bl'> = {
  1: 'tl',
  2: 'tr',
  3: 'br',
  4: 'bl',
  5: 'tl',
  6: 'bl',
  7: 'br',
  8: 'tr',
};

/**
 * A JPEG tagged with EXIF `orientation` (1-8) whose pixels are stored so that,
 * displayed correctly, it is {@link ORIENTED_DISPLAY} (landscape) and green
 * with a red square in the top-left corner. Orientations 5-8 are stored
 * portrait, so a pipeline that ignores the tag gets both the size and the
 * corner wrong, and one that applies the wrong transform gets the corner wrong.
 */
export async function orientedJpeg(orientation: number): Promise<Buffer> {
  const corner = STORED_CORNER_SHOWN_TOP_LEFT[orientation];
  if (!corner) throw new Error(`orientation: ${orientation} is not 1-8`);
  const { width, height, mark } = ORIENTED_DISPLAY;
  const [w, h] = orientation >= 5 ? [height, width] : [width, height];
  const square = await solid(mark, mark, COLOURS.red).png().toBuffer();
  return solid(w, h, COLOURS.green)
    .composite([
      {
        input: square,
        left: corner === 'tl' || corner === 'bl' ? 0 : w - mark,
        top: corner === 'tl' || corner === 'tr' ? 0 : h - mark,
      },
    ])
    .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
    .withMetadata({ orientation })
    .toBuffer();
}

/**
 * A valid ICC profile of at least `minBytes`: sharp's sRGB profile with one
 * extra private tag of `minBytes` of data appended (tag table and offsets
 * rewritten, profile ID zeroed as the spec allows).
 */
export async function hugeIccProfile(minBytes: number): Promise<Buffer> {
  const tagged = await solid(8, 8, COLOURS.red).withIccProfile('srgb').jpeg().toBuffer();
  const { icc } = await sharp(tagged).metadata();
  if (!icc) throw new Error('sharp produced no ICC profile');
  const count = icc.readUInt32BE(128);
  const tableEnd = 132 + 12 * count;
  const payload = Buffer.concat([
    Buffer.from('data', 'latin1'),
    Buffer.alloc(4),
    u32(1), // binary data
    Buffer.alloc(minBytes, 0x5a),
  ]);
  const data = icc.subarray(tableEnd);
  const newOffset = tableEnd + 12 + Math.ceil(data.length / 4) * 4;
  const table = Buffer.alloc(12 * (count + 1));
  for (let i = 0; i < count; i++) {
    const entry = 132 + 12 * i;
    table.write(icc.toString('latin1', entry, entry + 4), 12 * i, 'latin1');
    table.writeUInt32BE(icc.readUInt32BE(entry + 4) + 12, 12 * i + 4);
    table.writeUInt32BE(icc.readUInt32BE(entry + 8), 12 * i + 8);
  }
  table.write('hstl', 12 * count, 'latin1');
  table.writeUInt32BE(newOffset, 12 * count + 4);
  table.writeUInt32BE(payload.length, 12 * count + 8);
  const header = Buffer.from(icc.subarray(0, 128));
  const profile = Buffer.concat([
    header,
    u32(count + 1),
    table,
    data,
    Buffer.alloc(newOffset - tableEnd - 12 - data.length),
    payload,
  ]);
  profile.writeUInt32BE(profile.length, 0);
  profile.fill(0, 84, 100);
  return profile;
}

/** JPEG APP2 `ICC_PROFILE` segments carrying `profile` (ICC.1 annex B.4: at most 65519 bytes each). */
function iccSegments(profile: Buffer): Buffer[] {
  const chunk = 65_519;
  const total = Math.ceil(profile.length / chunk);
  if (total > 255) throw new Error(`profile: ${profile.length} bytes need more than 255 segments`);
  const segments: Buffer[] = [];
  for (let i = 0; i < total; i++) {
    const part = profile.subarray(i * chunk, (i + 1) * chunk);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(2 + 12 + 2 + part.length);
    segments.push(
      Buffer.concat([
        Buffer.from([0xff, 0xe2]),
        length,
        Buffer.from('ICC_PROFILE\0', 'latin1'),
        Buffer.from([i + 1, total]),
        part,
      ]),
    );
  }
  return segments;
}

/**
 * A photo-like JPEG carrying a huge colour profile (an ICC profile of more
 * than `iccBytes`, split over APP2 segments by hand, as editors do) and an
 * EXIF block near JPEG's 64 KiB segment limit with GPS and a long description.
 */
export async function jpegWithHugeMetadata(
  iccBytes = 1_100_000,
  width = 1600,
  height = 1200,
): Promise<Buffer> {
  const base = await noisy(width, height)
    .withExif({
      IFD0: { ImageDescription: 'x'.repeat(60_000), Copyright: 'Hostile Fixture' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 0/1',
      },
    })
    .jpeg({ quality: 85 })
    .toBuffer();
  // Right after SOI: APP2 may come anywhere before the frame header, and decoders collect it by sequence number.
  return Buffer.concat([
    base.subarray(0, 2),
    ...iccSegments(await hugeIccProfile(iccBytes)),
    base.subarray(2),
  ]);
}
