/**
 * Identifies content from its first bytes, before any decoder sees it. Only
 * bytes that look like an accepted format are ever handed to sharp, so
 * libvips loaders we do not want reachable from an upload (librsvg for SVG,
 * PDF, the text/CSV/matrix loaders, ...) never run on untrusted input.
 */

/** What the leading bytes say the content is. */
export type Sniffed =
  /** Looks like an accepted format; sharp still has to agree. */
  | { kind: 'image'; format: 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' }
  /** An ISO-BMFF image (HEIF family): AVIF or HEIC, told apart by the codec in its header. */
  | { kind: 'heif'; brands: string[] }
  /** A real image format that the pipeline does not accept. */
  | { kind: 'unsupported'; label: string }
  /** Not an image at all. */
  | { kind: 'not-image'; label: string };

/** ftyp brands of HEIF still images and sequences (ISO/IEC 23008-12, AV1 image file format). */
const HEIF_BRANDS = new Set(
  'avif avis heic heix heim heis hevc hevx hevm hevs mif1 mif2 msf1 miaf'.split(' '),
);
const BMP_DIB_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);
const HEAD_BYTES = 1024;

/** Classifies `input` by magic bytes. Never throws; an empty buffer is `not-image`. */
export function sniff(input: Uint8Array): Sniffed {
  const b = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const ascii = (start: number, end: number): string => b.toString('latin1', start, end);

  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return image('jpeg');
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return image('png');
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return image('gif');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return image('webp');
  // Classic TIFF (42) and BigTIFF (43), both byte orders.
  if (['II*\0', 'MM\0*', 'II+\0', 'MM\0+'].includes(ascii(0, 4))) return image('tiff');
  if (b.length >= 12 && ascii(4, 8) === 'ftyp') return sniffIsoMedia(b);

  // HTML first: a page with an inline <svg> is still a page, not an SVG image.
  if (isHtml(textHead(b))) return { kind: 'not-image', label: 'an HTML document' };
  const unsupported = sniffUnsupportedImage(b);
  if (unsupported) return { kind: 'unsupported', label: unsupported };
  return sniffNonImage(b);
}

function image(format: 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff'): Sniffed {
  return { kind: 'image', format };
}

function startsWith(b: Buffer, bytes: readonly number[], offset = 0): boolean {
  if (b.length < offset + bytes.length) return false;
  return bytes.every((byte, i) => b[offset + i] === byte);
}

function sniffIsoMedia(b: Buffer): Sniffed {
  const boxSize = Math.min(b.readUInt32BE(0), b.length, 4096);
  const brands = [b.toString('latin1', 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4)
    brands.push(b.toString('latin1', offset, offset + 4));
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return { kind: 'heif', brands };
  return { kind: 'not-image', label: `an ISO media file (brand ${brands[0]?.trim()}), e.g. a video` };
}

/** Image formats people do upload but the pipeline does not accept. */
function sniffUnsupportedImage(b: Buffer): string | undefined {
  const head = b.toString('latin1', 0, 12);
  if (head.startsWith('BM') && b.length >= 18 && BMP_DIB_HEADER_SIZES.has(b.readUInt32LE(14))) return 'BMP';
  if (startsWith(b, [0, 0, 1, 0]) || startsWith(b, [0, 0, 2, 0])) return 'ICO/CUR';
  if (head.startsWith('8BPS')) return 'Photoshop PSD';
  if (startsWith(b, [0xff, 0x0a]) || startsWith(b, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return 'JPEG XL';
  if (startsWith(b, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || startsWith(b, [0xff, 0x4f, 0xff, 0x51])) {
    return 'JPEG 2000';
  }
  if (startsWith(b, [0x76, 0x2f, 0x31, 0x01])) return 'OpenEXR';
  if (head.startsWith('qoif')) return 'QOI';
  if (isSvg(textHead(b))) return 'SVG';
  return undefined;
}

function sniffNonImage(b: Buffer): Sniffed {
  if (b.length === 0) return { kind: 'not-image', label: 'empty' };
  if (b.toString('latin1', 0, 5) === '%PDF-') return { kind: 'not-image', label: 'a PDF document' };
  if (startsWith(b, [0x1f, 0x8b])) return { kind: 'not-image', label: 'gzip-compressed data' };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'not-image', label: 'a ZIP archive' };
  if (looksLikeText(b)) return { kind: 'not-image', label: 'text' };
  const hex = b.toString('hex', 0, Math.min(8, b.length));
  return { kind: 'not-image', label: `unrecognised data (starts with 0x${hex})` };
}

/**
 * The first KiB as text, without a BOM, leading whitespace, or XML prolog/comments/doctype.
 * The doctype may carry an internal subset (`<!DOCTYPE svg [<!ENTITY x SYSTEM "http://...">]>`),
 * the shape of an XXE attack: it is skipped whole, so such a file is still named an SVG.
 */
function textHead(b: Buffer): string {
  return b
    .toString('utf8', 0, Math.min(b.length, HEAD_BYTES))
    .replace(/^\uFEFF/, '')
    .replace(/^(\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE\s+svg[^>[]*(\[[\s\S]*?\])?\s*>)*/i, '');
}

function isHtml(text: string): boolean {
  return /^<(!doctype\s+html|html|head|body)\b/i.test(text);
}

/** Markup whose first element (or any element in the first KiB) is `<svg>`, namespaced or not. */
function isSvg(text: string): boolean {
  return text.startsWith('<') && /<([a-z][\w.-]*:)?svg[\s>/]/i.test(text);
}

function looksLikeText(b: Buffer): boolean {
  const sample = b.subarray(0, Math.min(b.length, 512));
  let printable = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) printable++;
  }
  return printable / sample.length > 0.95;
}
