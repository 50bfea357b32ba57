/**
 * The images the benchmark runs on: every image in a folder (IMAGES=, else
 * ../shared/photos when it exists), or images it generates (always in smoke
 * mode, so the smoke run is quick and never depends on that folder).
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { BENCH_TMP, SHARED_PHOTOS } from './paths.ts';

/** One input image. */
export interface BenchImage {
  /** File name, used as the row label. */
  name: string;
  file: string;
  format: string;
  /** As displayed (after EXIF orientation). */
  width: number;
  height: number;
  bytes: number;
}

const IMAGE_EXTENSIONS = /\.(jpe?g|png|webp|gif|avif|tiff?)$/i;

/**
 * Lists the benchmark's images, largest first.
 * @param folder IMAGES from the command line; undefined for the default.
 * @throws Error when `folder` does not exist or holds no image.
 */
export async function findImages(
  folder: string | undefined,
  smoke: boolean,
): Promise<{
  images: BenchImage[];
  source: string;
}> {
  if (folder) {
    if (!existsSync(folder)) throw new Error(`IMAGES: folder ${folder} does not exist`);
    return { images: await describe(listImages(folder)), source: `\`${folder}\`` };
  }
  if (!smoke && existsSync(SHARED_PHOTOS)) {
    const files = listImages(SHARED_PHOTOS);
    if (files.length > 0) return { images: await describe(files), source: '`../shared/photos`' };
  }
  const generated = await generateImages(smoke);
  return {
    images: await describe(generated),
    source: smoke
      ? 'generated (smoke mode)'
      : 'generated (no ../shared/photos here; the 18 MP one is a progressive q95 JPEG, as the photo the targets are set on)',
  };
}

function listImages(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => IMAGE_EXTENSIONS.test(name))
    .map((name) => path.resolve(folder, name))
    .filter((file) => statSync(file).isFile());
}

async function describe(files: string[]): Promise<BenchImage[]> {
  if (files.length === 0) throw new Error('IMAGES: no image files (jpg, png, webp, gif, avif, tiff) found');
  const images = await Promise.all(
    files.map(async (file) => {
      const metadata = await sharp(file).metadata();
      return {
        name: path.basename(file),
        file,
        format: metadata.format ?? '?',
        width: metadata.autoOrient?.width ?? metadata.width ?? 0,
        height: metadata.autoOrient?.height ?? metadata.height ?? 0,
        bytes: statSync(file).size,
      };
    }),
  );
  return images.sort((a, b) => b.width * b.height - a.width * a.height || a.name.localeCompare(b.name));
}

/**
 * Photo-like test images: smooth gradients with film-grain noise, so JPEG and
 * WebP have real detail to encode (flat colour would flatter every encoder).
 * The 18 MP one stands in for ../shared/photos' elephants photo, which the
 * targets are about: a high-quality progressive JPEG, so decoding costs what it
 * costs there (libjpeg-turbo decodes progressive scans about 3× slower than
 * baseline). The 4 MP one is a baseline JPEG, as phones and most web photos are.
 */
interface GeneratedSpec {
  name: string;
  width: number;
  height: number;
  /** PNG with an alpha gradient; otherwise JPEG. */
  alpha?: boolean;
  progressive?: boolean;
  quality?: number;
}

async function generateImages(smoke: boolean): Promise<string[]> {
  const folder = path.join(BENCH_TMP, 'inputs', smoke ? 'smoke' : 'full');
  mkdirSync(folder, { recursive: true });
  const specs: GeneratedSpec[] = smoke
    ? [
        { name: 'generated-1600x1000.jpg', width: 1600, height: 1000 },
        { name: 'generated-alpha-640x400.png', width: 640, height: 400, alpha: true },
      ]
    : [
        {
          name: 'generated-progressive-5640x3172.jpg',
          width: 5640,
          height: 3172,
          progressive: true,
          quality: 95,
        },
        { name: 'generated-2560x1600.jpg', width: 2560, height: 1600 },
        { name: 'generated-alpha-2140x1200.png', width: 2140, height: 1200, alpha: true },
      ];
  const files: string[] = [];
  for (const spec of specs) {
    const file = path.join(folder, spec.name);
    if (!existsSync(file)) writeFileSync(file, await photoLike(spec));
    files.push(file);
  }
  return files;
}

async function photoLike({
  width,
  height,
  alpha = false,
  progressive = false,
  quality = 92,
}: GeneratedSpec): Promise<Buffer> {
  const channels = alpha ? 4 : 3;
  const pixels = Buffer.alloc(width * height * channels);
  let seed = 42;
  const noise = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return (seed >> 16) % 48;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      const wave = Math.sin(x / 97) * Math.cos(y / 71) * 60;
      pixels[i] = clamp((x / width) * 200 + wave + noise());
      pixels[i + 1] = clamp((y / height) * 180 - wave + noise());
      pixels[i + 2] = clamp(120 + wave + noise());
      if (alpha) pixels[i + 3] = clamp(255 - (x / width) * 200);
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels } });
  return alpha ? image.png().toBuffer() : image.jpeg({ quality, progressive }).toBuffer();
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}
