import { type ImageFormat, MIME_TYPES } from '@pipeline/domain';
import { type ByteSource, type HEADER_BYTES, HeaderOutOfReachError } from './byte-source';
import { InvalidImageError } from './errors';
import { gifHeader } from './gif-header';
import { jpegHeader } from './jpeg-header';
import { formatBytes, formatMegapixels, type ImageLimits, resolveLimits } from './limits';
import { pngHeader } from './png-header';
import { sniff } from './sniff';
import type { StoredHeader } from './stored-header';
import { tiffHeader } from './tiff-header';
import { webpHeader } from './webp-header';

/** What {@link readHeaderFromPrefix} learned about an upload, without decoding a pixel. */
export interface HeaderFacts {
  format: ImageFormat;
  mimeType: string;
  /** Width as displayed, after the EXIF orientation. */
  width: number;
  /** Height as displayed, after the EXIF orientation (one frame of an animation). */
  height: number;
  /** EXIF orientation 1-8 as stored (1 when absent). */
  orientation: number;
  /** Size of the whole object in bytes. */
  bytes: number;
}

/** Bytes the magic-byte sniff looks at (sniff.ts reads at most its first KiB). */
const SNIFF_BYTES = 1024;

const PARSERS: Record<
  'jpeg' | 'png' | 'webp' | 'gif' | 'tiff',
  (source: ByteSource) => Promise<StoredHeader>
> = {
  jpeg: jpegHeader,
  png: pngHeader,
  webp: webpHeader,
  gif: gifHeader,
  tiff: tiffHeader,
};

/**
 * Decides whether an upload is an image within the limits from its header
 * alone, reading only what the header needs from `source` (ingest's ranged
 * GET of the first {@link HEADER_BYTES}, and more only where a format puts
 * its header further in). Checks, cheapest first: empty, byte limit (the
 * object's size), magic bytes (so SVG, PDF and other non-images never reach a
 * parser), the header (dimensions, orientation), the pixel limit on the
 * declared dimensions (so a decompression bomb is rejected without a decode).
 *
 * JPEG, PNG, WebP, GIF and TIFF are parsed here in plain TypeScript: sharp
 * cannot read a WebP or a TIFF (IFD at the end) from a prefix. HEIF (AVIF,
 * HEIC) goes to sharp's header reader ({@link readHeader}) on the prefix, so
 * sharp is loaded only for those, and the whole object is read when its
 * metadata lies past the prefix. Pixel data is not checked: a truncated or
 * corrupt body is found where it is decoded, by resize.
 *
 * @throws InvalidImageError `Image::Empty`, `Image::TooLarge`, `Image::NotAnImage`,
 *   `Image::UnsupportedFormat`, `Image::Corrupt` (an unreadable header) or `Image::TooManyPixels`.
 * @throws whatever the source's fetch throws (S3 errors: transient).
 */
export async function readHeaderFromPrefix(
  source: ByteSource,
  limits?: Partial<ImageLimits>,
): Promise<HeaderFacts> {
  const resolved = resolveLimits(limits);
  if (source.size === 0) throw new InvalidImageError('Image::Empty', 'image is empty (0 bytes)');
  if (source.size > resolved.maxBytes) {
    throw new InvalidImageError(
      'Image::TooLarge',
      `image is ${formatBytes(source.size)}, over the ${formatBytes(resolved.maxBytes)} limit`,
    );
  }
  const sniffed = sniff(await source.read(0, SNIFF_BYTES));
  if (sniffed.kind === 'not-image') {
    throw new InvalidImageError('Image::NotAnImage', `content is ${sniffed.label}, not an image`);
  }
  if (sniffed.kind === 'unsupported') {
    throw new InvalidImageError('Image::UnsupportedFormat', `${sniffed.label} images are not supported`);
  }
  if (sniffed.kind === 'heif') return heifFacts(source, resolved);

  const format = sniffed.format;
  const header = await parseOrCorrupt(format, () => PARSERS[format](source));
  checkPixels(header, resolved);
  const turned = header.orientation >= 5;
  return {
    format,
    mimeType: MIME_TYPES[format],
    width: turned ? header.height : header.width,
    height: turned ? header.width : header.height,
    orientation: header.orientation,
    bytes: source.size,
  };
}

/** Runs `read`, turning "the header lies past the reads allowed" into `Image::Corrupt`. */
async function parseOrCorrupt<T>(format: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof HeaderOutOfReachError)) throw error;
    throw new InvalidImageError(
      'Image::Corrupt',
      `${format} header not found in the bytes read: ${error.message}`,
      {
        cause: error,
      },
    );
  }
}

function checkPixels(header: StoredHeader, limits: ImageLimits): void {
  const pixels = Math.max(header.width * header.height, header.pixels ?? 0);
  if (pixels > limits.maxPixels) {
    throw new InvalidImageError(
      'Image::TooManyPixels',
      `image is ${header.width}x${header.height} = ${formatMegapixels(pixels)}, ` +
        `over the ${formatMegapixels(limits.maxPixels)} limit`,
    );
  }
}

/**
 * AVIF and HEIC: libheif's header reader via sharp, loaded on first use so
 * that ingest's cold start does not pay for sharp when no HEIF ever comes.
 * Its item boxes are usually at the front; an encoder that writes them after
 * the media data gets the rare whole-object read.
 */
async function heifFacts(source: ByteSource, limits: ImageLimits): Promise<HeaderFacts> {
  const { readHeader } = await import('./read-header');
  const headerLimits = { maxBytes: Number.POSITIVE_INFINITY, maxPixels: limits.maxPixels };
  const prefix = await source.read(0, source.bytesRead);
  const header = await readHeader(prefix, headerLimits).catch(async (error: unknown) => {
    const cut = prefix.length < source.size;
    if (!(cut && error instanceof InvalidImageError && error.reason === 'Image::Corrupt')) throw error;
    const whole = await parseOrCorrupt('HEIF', () => source.read(0, source.size));
    return readHeader(whole, headerLimits);
  });
  return {
    format: header.format,
    mimeType: MIME_TYPES[header.format],
    width: header.width,
    height: header.height,
    orientation: header.metadata.orientation ?? 1,
    bytes: source.size,
  };
}
