import type { ByteSource } from './byte-source';
import { exifOrientation } from './exif-orientation';
import { corruptHeader, type StoredHeader, sized } from './stored-header';

/** Markers walked before giving up: real files have a few dozen segments before the frame header. */
const MAX_MARKERS = 4096;
/** Garbage skipped looking for the next marker (libjpeg skips it too, with a warning). */
const MAX_GAP = 64 * 1024;

/** SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers without a length field: TEM, RSTn, SOI. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

/**
 * Walks a JPEG's segments (ITU T.81 annex B) up to its frame header (SOFn),
 * which holds the dimensions, reading only segment headers and the first EXIF
 * APP1 (for the orientation): an ICC profile or XMP packet is skipped by its
 * length, never read, and segments past the source's prefix cost a ranged read.
 *
 * @throws InvalidImageError `Image::Corrupt` when scan data or the end comes before any frame header.
 */
export async function jpegHeader(source: ByteSource): Promise<StoredHeader> {
  let offset = 2;
  let orientation: number | undefined;
  for (let markers = 0; markers < MAX_MARKERS; markers++) {
    offset = await nextMarker(source, offset);
    const head = await source.read(offset, 4);
    const marker = head[1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // a fill byte
      continue;
    }
    if (isStandalone(marker)) {
      offset += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      throw corruptHeader(
        'JPEG',
        `no frame header (SOF) before ${marker === 0xda ? 'the scan data' : 'the end'}`,
      );
    }
    if (head.length < 4)
      throw corruptHeader('JPEG', `the file ends at byte ${source.size}, inside its header`);
    const length = head.readUInt16BE(2);
    if (length < 2) throw corruptHeader('JPEG', `segment at byte ${offset} has length ${length}`);
    if (isFrameHeader(marker)) {
      const frame = await source.read(offset + 4, 5);
      if (frame.length < 5) throw corruptHeader('JPEG', 'the file ends inside its frame header');
      return sized('JPEG', {
        height: frame.readUInt16BE(1),
        width: frame.readUInt16BE(3),
        orientation: orientation ?? 1,
      });
    }
    if (marker === 0xe1 && orientation === undefined) {
      const segment = await source.read(offset + 4, length - 2);
      // The first APP1 that is EXIF counts (an XMP APP1 does not); libvips reads the same one.
      if (segment.toString('latin1', 0, 6) === 'Exif\0\0') orientation = exifOrientation(segment);
    }
    offset += 2 + length;
  }
  throw corruptHeader('JPEG', `no frame header in its first ${MAX_MARKERS} markers`);
}

/** The offset of the next 0xFF at or after `offset`. */
async function nextMarker(source: ByteSource, offset: number): Promise<number> {
  const first = await source.read(offset, 1);
  if (first[0] === 0xff) return offset;
  if (first.length === 0)
    throw corruptHeader('JPEG', `the file ends at byte ${source.size}, inside its header`);
  const gap = await source.read(offset, MAX_GAP);
  const found = gap.indexOf(0xff);
  if (found < 0) throw corruptHeader('JPEG', `no marker in the ${gap.length} bytes after byte ${offset}`);
  return offset + found;
}
