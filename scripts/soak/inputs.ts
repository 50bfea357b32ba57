/**
 * The bytes the soak uploads: varied photos generated in memory with sharp
 * (JPEG, PNG with alpha, WebP; landscape, portrait, EXIF-rotated; small to
 * 2.5 MP), optionally real photos from a folder, and the invalid files (text
 * named .jpg, a JPEG cut off at 60 %).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** One upload body with the extension and Content-Type it is sent with. */
export interface SoakFile {
  name: string;
  body: Buffer;
  ext: string;
  contentType: string;
}

interface Variant {
  width: number;
  height: number;
  format: 'jpeg' | 'png' | 'webp';
  orientation?: number;
  alpha?: boolean;
}

/** Sizes and formats of the generated photos: a spread, kept small enough for a quick suite. */
const VARIANTS: readonly Variant[] = [
  { width: 1600, height: 1067, format: 'jpeg' },
  { width: 1200, height: 1800, format: 'jpeg' },
  { width: 1920, height: 1280, format: 'jpeg', orientation: 6 },
  { width: 640, height: 480, format: 'jpeg' },
  { width: 1400, height: 900, format: 'png', alpha: true },
  { width: 900, height: 900, format: 'png' },
  { width: 1800, height: 1200, format: 'webp' },
  { width: 1000, height: 1500, format: 'webp', alpha: true },
  { width: 2048, height: 1152, format: 'jpeg', orientation: 3 },
  { width: 320, height: 200, format: 'webp' },
];

const TYPES = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
const EXTENSIONS = { jpeg: 'jpg', png: 'png', webp: 'webp' } as const;

async function generate(variant: Variant, seed: number): Promise<SoakFile> {
  const { width, height, format } = variant;
  const channels = variant.alpha ? 4 : 3;
  // Blurred noise compresses like a photo; a per-seed tint makes every file's bytes (and eTag) differ.
  const noise = await sharp({
    create: {
      width,
      height,
      channels,
      background: { r: (seed * 53) % 256, g: (seed * 101) % 256, b: (seed * 197) % 256, alpha: 1 },
      noise: { type: 'gaussian', mean: 96 + (seed % 64), sigma: 40 },
    },
  })
    .blur(1.5)
    .raw()
    .toBuffer();
  let image = sharp(noise, { raw: { width, height, channels } });
  if (variant.orientation) image = image.withMetadata({ orientation: variant.orientation });
  const body =
    format === 'jpeg'
      ? await image.jpeg({ quality: 85 }).toBuffer()
      : format === 'png'
        ? await image.png({ compressionLevel: 3 }).toBuffer()
        : await image.webp({ quality: 80 }).toBuffer();
  const rotated = variant.orientation ? `-o${variant.orientation}` : '';
  return {
    name: `generated-${width}x${height}${rotated}${variant.alpha ? '-alpha' : ''}.${EXTENSIONS[format]}`,
    body,
    ext: EXTENSIONS[format],
    contentType: TYPES[format],
  };
}

/** `count` generated photos (at least 2), cycling through the variants with a different tint each time. */
export async function generatePhotos(count = VARIANTS.length): Promise<SoakFile[]> {
  const files: SoakFile[] = [];
  for (let i = 0; i < Math.max(2, count); i++) {
    files.push(await generate(VARIANTS[i % VARIANTS.length] as Variant, i + 1));
  }
  return files;
}

/** JPEG, PNG and WebP files of `dir` (e.g. ../shared/photos), sorted by name. */
export function loadPhotos(dir: string): SoakFile[] {
  return readdirSync(dir)
    .filter((name) => /\.(jpe?g|png|webp)$/i.test(name))
    .sort()
    .map((name) => {
      const ext = (
        path.extname(name).slice(1).toLowerCase() === 'jpeg' ? 'jpg' : path.extname(name).slice(1)
      ).toLowerCase();
      const contentType = ext === 'jpg' ? 'image/jpeg' : `image/${ext}`;
      return { name, body: readFileSync(path.join(dir, name)), ext, contentType };
    });
}

/** Plain text sent as `photo.jpg` with Content-Type image/jpeg: only the content says it is no image. */
export function notAnImage(index: number): SoakFile {
  return {
    name: 'not-an-image.jpg',
    body: Buffer.from(`This is upload ${index} of the soak, and it is not a photo.\n`.repeat(20)),
    ext: 'jpg',
    contentType: 'image/jpeg',
  };
}

/** The first 60 % of a JPEG: a valid header, pixel data cut off. */
export function truncatedJpeg(jpeg: SoakFile): SoakFile {
  if (jpeg.contentType !== 'image/jpeg') throw new Error(`truncatedJpeg: ${jpeg.name} is not a JPEG`);
  return {
    name: `truncated-${jpeg.name}`,
    body: jpeg.body.subarray(0, Math.floor(jpeg.body.length * 0.6)),
    ext: 'jpg',
    contentType: 'image/jpeg',
  };
}
