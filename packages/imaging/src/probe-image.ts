import { type ImageFormat, MIME_TYPES } from '@pipeline/domain';
import sharp from 'sharp';
import { configureSharp } from './configure-sharp';
import { decodeError } from './decode-error';
import { InvalidImagingOptionError } from './errors';
import { decodeHeic } from './heic/decode-heic';
import { type ImageLimits, resolveLimits } from './limits';
import { readHeader } from './read-header';

/** What {@link probeImage} learned about a valid image. */
export interface ImageProbe {
  format: ImageFormat;
  mimeType: string;
  /** Width as displayed, after applying the EXIF orientation. */
  width: number;
  /** Height as displayed, after applying the EXIF orientation (one frame for animations). */
  height: number;
  /** EXIF orientation 1-8 as stored in the file (1 when absent). */
  orientation: number;
  /** Frames in an animation or pages in a TIFF; 1 for still images. */
  pages: number;
  hasAlpha: boolean;
  /** Size of the input in bytes. */
  bytes: number;
}

/** Side of the box the verification decode shrinks into; small enough that JPEG shrink-on-load decodes at 1/8. */
const VERIFY_SIZE = 64;

/**
 * Validates `input` by its content (never a file name) and describes it.
 *
 * Order of checks, cheapest first: size, magic bytes (so SVG, PDF and other
 * non-images never reach a libvips loader), header via sharp metadata (so a
 * decompression bomb is rejected from its declared dimensions), then a full
 * decode of the first frame into a 64 px thumbnail, which catches truncated
 * and corrupt files at a fraction of the cost of a full-size decode.
 *
 * `failOn: 'error'` is the measured choice: a JPEG truncated at 60% fails
 * with 'error' as it does with 'warning' ("premature end of JPEG image"),
 * but 'warning' also rejects the many camera/phone files with harmless
 * libjpeg warnings (extraneous bytes before a marker), and 'truncated'/'none'
 * accept broken data.
 *
 * @param input the uploaded bytes.
 * @param limits overrides for {@link DEFAULT_LIMITS} (50 MiB, 50 MP).
 * @throws InvalidImageError with a stable `reason` (`Image::Empty`, `Image::TooLarge`, `Image::NotAnImage`,
 *   `Image::UnsupportedFormat`, `Image::Corrupt`, `Image::TooManyPixels`) when the input is rejected.
 * @throws InvalidImagingOptionError when `input` is not a Buffer or a limit is not positive.
 */
export async function probeImage(input: Buffer, limits?: Partial<ImageLimits>): Promise<ImageProbe> {
  if (!Buffer.isBuffer(input)) throw new InvalidImagingOptionError('input', 'must be a Buffer');
  const resolved = resolveLimits(limits);
  configureSharp();

  const header = await readHeader(input, resolved);
  // libvips cannot decode HEVC: libheif's full decode is the check (it throws Image::Corrupt itself).
  if (header.format === 'heic') await decodeHeic(input, resolved.maxPixels);
  else await verifyDecode(input, resolved.maxPixels);

  return {
    format: header.format,
    mimeType: MIME_TYPES[header.format],
    width: header.width,
    height: header.height,
    orientation: header.metadata.orientation ?? 1,
    pages: header.metadata.pages ?? 1,
    hasAlpha: header.metadata.hasAlpha,
    bytes: input.length,
  };
}

async function verifyDecode(input: Buffer, maxPixels: number): Promise<void> {
  try {
    await sharp(input, { failOn: 'error', limitInputPixels: maxPixels })
      .resize(VERIFY_SIZE, VERIFY_SIZE, { fit: 'inside' })
      .raw()
      .toBuffer();
  } catch (error) {
    throw decodeError(error, 'image');
  }
}
