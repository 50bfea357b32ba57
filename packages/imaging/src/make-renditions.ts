import os from 'node:os';
import {
  RENDITION_SPECS,
  type RenditionExt,
  type RenditionFormat,
  type RenditionName,
  type RenditionSpec,
} from '@pipeline/domain';
import sharp, { type Sharp } from 'sharp';
import { configureSharp } from './configure-sharp';
import { decodeError } from './decode-error';
import { ENCODER_SETTINGS, withEncoder } from './encoders';
import { InvalidImagingOptionError } from './errors';
import { DEFAULT_LIMITS } from './limits';
import { readHeader } from './read-header';
import { runLimited } from './run-limited';

/** One encoded rendition, ready to upload. */
export interface Rendition {
  name: RenditionName;
  format: RenditionFormat;
  ext: RenditionExt;
  contentType: RenditionSpec['contentType'];
  width: number;
  height: number;
  /** Size of `body` in bytes. */
  bytes: number;
  body: Buffer;
}

/** Options for {@link makeRenditions}. */
export interface RenditionOptions {
  /** Largest accepted width x height of the input. Default 50 MP ({@link DEFAULT_LIMITS}). */
  maxPixels?: number;
  /** JPEG quality 1-100. Default 80 (see `encoders.ts` for the other encoder settings). */
  jpegQuality?: number;
  /** WebP quality 1-100. Default 80. */
  webpQuality?: number;
}

const DEFAULT_JPEG_QUALITY = ENCODER_SETTINGS.jpeg.quality;
const DEFAULT_WEBP_QUALITY = ENCODER_SETTINGS.webp.quality;
/** WebP cannot encode a side over 16383 px; very tall images are fitted under it so every rendition encodes. */
const MAX_HEIGHT = 16_383;

interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/**
 * Makes the {@link RENDITION_SPECS} renditions of `input`, in that order.
 *
 * The original is decoded once: one sharp pipeline applies the EXIF
 * orientation, converts to sRGB and shrinks straight to the largest width
 * needed (JPEG and WebP shrink-on-load keep this cheap), into raw pixels in
 * memory. Every smaller width is resized from the next larger one, never
 * from the original. Renditions never upscale: a width larger than the image is
 * clamped to the image width, so there are always eight (and heights are
 * capped at WebP's 16383 px limit, which only very tall strips reach). Only the first frame
 * of an animation is used. Output carries no metadata at all (EXIF, GPS, XMP,
 * ICC): pixels are converted to sRGB, which is what browsers assume for an
 * untagged image. JPEG has alpha flattened onto white; WebP keeps it.
 *
 * @throws InvalidImageError (`Image::NotAnImage`, `Image::UnsupportedFormat`, `Image::Corrupt`,
 *   `Image::TooManyPixels`, ...) when the input cannot be rendered.
 * @throws InvalidImagingOptionError when an option is out of range.
 */
export async function makeRenditions(input: Buffer, options: RenditionOptions = {}): Promise<Rendition[]> {
  if (!Buffer.isBuffer(input)) throw new InvalidImagingOptionError('input', 'must be a Buffer');
  const maxPixels = positive('maxPixels', options.maxPixels ?? DEFAULT_LIMITS.maxPixels);
  const jpegQuality = quality('jpegQuality', options.jpegQuality ?? DEFAULT_JPEG_QUALITY);
  const webpQuality = quality('webpQuality', options.webpQuality ?? DEFAULT_WEBP_QUALITY);
  configureSharp();

  const header = await readHeader(input, { maxBytes: Number.POSITIVE_INFINITY, maxPixels });
  const largestWidth = Math.min(header.width, Math.max(...RENDITION_SPECS.map((spec) => spec.width)));
  const largest = await decodeOnce(input, largestWidth, maxPixels);

  // Each smaller width is shrunk from the next larger one (a 2x step costs a
  // fraction of one from the largest). Jobs run one per CPU, widest (and WebP,
  // the slower encoder) first: the 2048 px WebP, which the set waits for,
  // keeps a CPU to itself while the shorter jobs follow each other beside it.
  const run = runLimited(os.availableParallelism());
  const widths = [...new Set(RENDITION_SPECS.map((spec) => Math.min(spec.width, largest.width)))].sort(
    (a, b) => b - a,
  );
  const pixels = new Map<number, Promise<RawImage>>();
  let previous = Promise.resolve(largest);
  for (const width of widths) {
    if (width < largest.width) previous = previous.then((source) => run(() => shrink(source, width)));
    pixels.set(width, previous);
  }
  const order = [...RENDITION_SPECS].sort(
    (a, b) => b.width - a.width || Number(b.format === 'webp') - Number(a.format === 'webp'),
  );
  const encoded = new Map(
    order.map((spec) => {
      const width = Math.min(spec.width, largest.width);
      const level = spec.format === 'jpeg' ? jpegQuality : webpQuality;
      const source = pixels.get(width) as Promise<RawImage>;
      return [spec, source.then((raw) => run(() => encode(raw, spec, level)))];
    }),
  );
  return Promise.all(RENDITION_SPECS.map((spec) => encoded.get(spec) as Promise<Rendition>));
}

async function decodeOnce(input: Buffer, width: number, maxPixels: number): Promise<RawImage> {
  try {
    const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: maxPixels })
      .rotate()
      .resize({ width, height: MAX_HEIGHT, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch (error) {
    throw decodeError(error, 'image');
  }
}

async function shrink(source: RawImage, width: number): Promise<RawImage> {
  const { data, info } = await fromRaw(source).resize({ width }).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

async function encode(pixels: RawImage, spec: RenditionSpec, quality: number): Promise<Rendition> {
  const { data, info } = await withEncoder(fromRaw(pixels), spec.format, quality).toBuffer({
    resolveWithObject: true,
  });
  return {
    name: spec.name,
    format: spec.format,
    ext: spec.ext,
    contentType: spec.contentType,
    width: info.width,
    height: info.height,
    bytes: data.length,
    body: data,
  };
}

function fromRaw(pixels: RawImage): Sharp {
  const { width, height, channels } = pixels;
  return sharp(pixels.data, { raw: { width, height, channels } });
}

function positive(option: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new InvalidImagingOptionError(option, `must be a positive number, got ${value}`);
  }
  return value;
}

function quality(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw new InvalidImagingOptionError(option, `must be an integer from 1 to 100, got ${value}`);
  }
  return value;
}
