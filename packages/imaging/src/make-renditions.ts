import os from 'node:os';
import {
  DEFAULT_RENDITION_PROFILE,
  type ImageFormat,
  type RenditionExt,
  type RenditionFormat,
  type RenditionName,
  type RenditionProfile,
  type RenditionSpec,
  renditionSpecs,
} from '@pipeline/domain';
import sharp, { type Sharp } from 'sharp';
import { keepAvifWhenBetter } from './avif-rule';
import { configureSharp } from './configure-sharp';
import { decodeError } from './decode-error';
import { ENCODER_SETTINGS, withEncoder } from './encoders';
import { InvalidImagingOptionError } from './errors';
import { openHeic } from './heic/open-heic';
import { DEFAULT_LIMITS } from './limits';
import { readHeader } from './read-header';
import { runLimited } from './run-limited';
import { encodeOrder, qualityOf } from './spec-plan';
import { cropSquare, squareSide, squareSourceWidth } from './square-crop';

/** One encoded rendition, ready to upload. */
export interface Rendition {
  name: RenditionName;
  format: RenditionFormat;
  ext: RenditionExt;
  contentType: RenditionSpec['contentType'];
  crop: RenditionSpec['crop'];
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
  /** Which renditions to make (a validated profile). Default {@link DEFAULT_RENDITION_PROFILE}. */
  profile?: RenditionProfile;
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
 * Makes the renditions `options.profile` asks for (`renditionSpecs` order) of `input`.
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
  const profile = options.profile ?? DEFAULT_RENDITION_PROFILE;
  const specs = renditionSpecs(profile);
  configureSharp();

  const header = await readHeader(input, { maxBytes: Number.POSITIVE_INFINITY, maxPixels });
  // A square of side s needs s pixels across the shorter side: s x aspect across a landscape width.
  const needed = specs.map((s) =>
    uncropped(s) ? s.width : Math.ceil(s.width * Math.max(1, header.width / header.height)),
  );
  const largestWidth = Math.min(header.width, Math.max(...needed));
  const largest = await decodeOnce(input, largestWidth, maxPixels, header.format);

  // Each smaller width is shrunk from the next larger one (a 2x step costs a
  // fraction of one from the largest). Jobs run one per CPU, widest (and WebP,
  // the slower encoder) first: the 2048 px WebP, which the set waits for,
  // keeps a CPU to itself while the shorter jobs follow each other beside it.
  const run = runLimited(os.availableParallelism());
  const widths = [
    ...new Set(specs.filter(uncropped).map((spec) => Math.min(spec.width, largest.width))),
  ].sort((a, b) => b - a);
  const pixels = new Map<number, Promise<RawImage>>();
  let previous = Promise.resolve(largest);
  for (const width of widths) {
    if (width < largest.width) previous = previous.then((source) => run(() => shrink(source, width)));
    pixels.set(width, previous);
  }
  // Square crops are cut from the narrowest width already made that covers them.
  const squares = new Map<number, Promise<RawImage>>();
  for (const spec of specs.filter((s) => !uncropped(s))) {
    const side = squareSide(spec.width, largest);
    if (squares.has(side)) continue;
    const from = widths.length
      ? squareSourceWidth(widths, largest.height / largest.width, side)
      : largest.width;
    const source = pixels.get(from) ?? Promise.resolve(largest);
    squares.set(
      side,
      source.then((raw) => run(() => cropSquare(raw, side))),
    );
  }
  const defaults = { jpeg: jpegQuality, webp: webpQuality, avif: profile.avif?.quality };
  const sourceOf = (spec: RenditionSpec) =>
    uncropped(spec)
      ? (pixels.get(Math.min(spec.width, largest.width)) as Promise<RawImage>)
      : (squares.get(squareSide(spec.width, largest)) as Promise<RawImage>);
  const encoded = new Map(
    encodeOrder(specs).map((spec) => {
      const level = qualityOf(spec, defaults);
      return [spec, sourceOf(spec).then((raw) => run(() => encode(raw, spec, level, profile.avif?.effort)))];
    }),
  );
  const made = await Promise.all(specs.map((spec) => encoded.get(spec) as Promise<Rendition>));
  if (!made.some((r) => r.format === 'avif')) return made;
  const sizeSpec = (name: string) => specs.find((spec) => spec.name === name) as RenditionSpec;
  return keepAvifWhenBetter(made, (name) => sourceOf(sizeSpec(name)), profile.avif?.minSavingPercent);
}

function uncropped(spec: RenditionSpec): boolean {
  return spec.crop === 'none';
}

async function decodeOnce(
  input: Buffer,
  width: number,
  maxPixels: number,
  format: ImageFormat,
): Promise<RawImage> {
  // HEIC: libheif decodes what libvips cannot (see heic/open-heic.ts); the same pipeline follows.
  const original =
    format === 'heic'
      ? await openHeic(input, maxPixels)
      : sharp(input, { failOn: 'error', limitInputPixels: maxPixels });
  try {
    const { data, info } = await original
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

async function encode(
  pixels: RawImage,
  spec: RenditionSpec,
  quality: number,
  effort?: number,
): Promise<Rendition> {
  const avif = effort === undefined ? {} : { effort };
  const { data, info } = await withEncoder(fromRaw(pixels), spec.format, quality, avif).toBuffer({
    resolveWithObject: true,
  });
  return {
    name: spec.name,
    format: spec.format,
    ext: spec.ext,
    contentType: spec.contentType,
    crop: spec.crop,
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
