import type { ImageFormat } from '@pipeline/domain';
import sharp, { type Metadata } from 'sharp';
import { decodeError } from './decode-error';
import { InvalidImageError } from './errors';
import { heicEnabled } from './heic/heic-enabled';
import { formatBytes, formatMegapixels, type ImageLimits } from './limits';
import { sniff } from './sniff';

/** What the header says, once the content is known to be an accepted format within the limits. */
export interface ImageHeader {
  format: ImageFormat;
  metadata: Metadata;
  /** Width as displayed, i.e. after EXIF orientation. */
  width: number;
  /** Height as displayed, i.e. after EXIF orientation (one frame of an animation). */
  height: number;
}

/**
 * Checks size, magic bytes and header of `input` without decoding pixels.
 * `sharp().metadata()` reads only the header, so a decompression bomb (a
 * small file declaring a huge canvas) is rejected here, before any decoder
 * allocates memory for it.
 * @throws InvalidImageError with reason Empty, TooLarge, NotAnImage, UnsupportedFormat, Corrupt or TooManyPixels.
 */
export async function readHeader(input: Buffer, limits: ImageLimits): Promise<ImageHeader> {
  if (input.length === 0) throw new InvalidImageError('Image::Empty', 'image is empty (0 bytes)');
  if (input.length > limits.maxBytes) {
    throw new InvalidImageError(
      'Image::TooLarge',
      `image is ${formatBytes(input.length)}, over the ${formatBytes(limits.maxBytes)} limit`,
    );
  }

  const sniffed = sniff(input);
  if (sniffed.kind === 'not-image') {
    throw new InvalidImageError('Image::NotAnImage', `content is ${sniffed.label}, not an image`);
  }
  if (sniffed.kind === 'unsupported') {
    throw new InvalidImageError('Image::UnsupportedFormat', `${sniffed.label} images are not supported`);
  }

  let metadata: Metadata;
  try {
    // Header only, so no pixel limit is needed yet: the dimensions are checked below with a readable message.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw decodeError(error, 'image header');
  }

  const expected = sniffed.kind === 'heif' ? 'heif' : sniffed.format;
  if (metadata.format !== expected) {
    throw new InvalidImageError(
      'Image::Corrupt',
      `content starts like ${expected} but decodes as ${metadata.format}`,
    );
  }
  const format = sniffed.kind === 'heif' ? heifFormat(metadata) : sniffed.format;

  // metadata.height is one frame: sharp decodes only the first page unless told otherwise.
  const pixels = metadata.width * metadata.height;
  if (pixels > limits.maxPixels) {
    throw new InvalidImageError(
      'Image::TooManyPixels',
      `image is ${metadata.width}x${metadata.height} = ${formatMegapixels(pixels)}, ` +
        `over the ${formatMegapixels(limits.maxPixels)} limit`,
    );
  }

  return {
    format,
    metadata,
    width: metadata.autoOrient?.width ?? metadata.width,
    height: metadata.autoOrient?.height ?? metadata.height,
  };
}

/**
 * AVIF and HEIC share the HEIF container; only the codec tells them apart.
 * libvips reads the header of both (dimensions as displayed, after `irot`),
 * but the prebuilt one shipped with sharp decodes AV1 only: HEVC (HEIC) is
 * decoded by libheif's WebAssembly build instead (heic/decode-heic.ts), unless
 * the operator turned HEIC off (heic/heic-enabled.ts), when it is rejected as
 * unsupported here rather than accepted.
 */
function heifFormat(metadata: Metadata): ImageFormat {
  if (metadata.compression === 'av1') return 'avif';
  if (metadata.compression === 'hevc' && heicEnabled()) return 'heic';
  const accepted = heicEnabled() ? 'AVIF (AV1) and HEIC (HEVC) are' : 'AVIF (AV1) is';
  throw new InvalidImageError(
    'Image::UnsupportedFormat',
    `HEIF images with ${metadata.compression ?? 'unknown'} compression are not supported; only ${accepted}`,
  );
}
