import { type ByteSource, HeaderOutOfReachError } from './byte-source';
import { exifOrientation } from './exif-orientation';
import { corruptHeader, type StoredHeader, sized } from './stored-header';

/** Chunks walked looking for EXIF: an animation has one ANMF per frame before it. */
const MAX_CHUNKS = 1024;
/** VP8X flag: the file has an EXIF chunk. */
const EXIF_FLAG = 0x08;

/**
 * Reads a WebP's size from its first chunk (RFC 9649): VP8 (lossy), VP8L
 * (lossless) or VP8X (extended: the canvas, for animations too). An extended
 * file that flags EXIF has its EXIF chunk after the image data, usually at the
 * end: the chunks are walked by their sizes to it (one more ranged read for a
 * large file), for the orientation libvips applies.
 *
 * @throws InvalidImageError `Image::Corrupt` when the first chunk is none of the three or is cut short.
 */
export async function webpHeader(source: ByteSource): Promise<StoredHeader> {
  const head = await source.read(12, 20);
  const fourcc = head.toString('latin1', 0, 4);
  if (fourcc === 'VP8 ' && head.length >= 18) {
    if (head.readUIntBE(11, 3) !== 0x9d012a) throw corruptHeader('WebP', 'its VP8 start code is missing');
    const width = head.readUInt16LE(14) & 0x3fff;
    const height = head.readUInt16LE(16) & 0x3fff;
    return sized('WebP', { width, height, orientation: 1 });
  }
  if (fourcc === 'VP8L' && head.length >= 13) {
    if (head[8] !== 0x2f) throw corruptHeader('WebP', 'its VP8L signature is missing');
    const bits = head.readUInt32LE(9);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, orientation: 1 };
  }
  if (fourcc === 'VP8X' && head.length >= 18) {
    const width = head.readUIntLE(12, 3) + 1;
    const height = head.readUIntLE(15, 3) + 1;
    const hasExif = ((head[8] ?? 0) & EXIF_FLAG) !== 0;
    return { width, height, orientation: hasExif ? await exifChunkOrientation(source) : 1 };
  }
  throw corruptHeader('WebP', `its first chunk is '${fourcc}', not VP8, VP8L or VP8X`);
}

/** The orientation in the EXIF chunk; 1 when it is missing or out of reach of the reads allowed. */
async function exifChunkOrientation(source: ByteSource): Promise<number> {
  let offset = 12;
  for (let chunks = 0; chunks < MAX_CHUNKS; chunks++) {
    const chunk = await readIfReachable(source, offset, 8);
    if (chunk.length < 8) return 1;
    const size = chunk.readUInt32LE(4);
    if (chunk.toString('latin1', 0, 4) === 'EXIF') {
      const block = await readIfReachable(source, offset + 8, size);
      return exifOrientation(block);
    }
    offset += 8 + size + (size % 2); // chunks are padded to an even size
  }
  return 1;
}

/** The bytes, or none when they lie past the reads allowed (an S3 error still propagates, to be retried). */
async function readIfReachable(source: ByteSource, offset: number, length: number): Promise<Buffer> {
  try {
    return await source.read(offset, length);
  } catch (error) {
    if (error instanceof HeaderOutOfReachError) return Buffer.alloc(0);
    throw error;
  }
}
