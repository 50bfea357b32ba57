import type { ByteSource } from './byte-source';
import { corruptHeader, type StoredHeader, sized } from './stored-header';

/** IFD entries read at most: a first IFD has a few dozen tags. */
const MAX_ENTRIES = 1024;

const TAG_WIDTH = 0x0100;
const TAG_HEIGHT = 0x0101;
const TAG_ORIENTATION = 0x0112;

/** Classic TIFF (TIFF 6.0 section 2) or BigTIFF: sizes of offsets, counts and entries. */
interface Layout {
  little: boolean;
  big: boolean;
}

/**
 * Reads the width, height and orientation of a TIFF's first image from its
 * first IFD (TIFF 6.0, and BigTIFF's 64-bit layout). Writers often put the
 * IFD after the pixel data, at the end of the file: the source then fetches
 * that range (a second ranged read), never the strips in between.
 *
 * @throws InvalidImageError `Image::Corrupt` when the IFD is missing or lacks the dimensions.
 */
export async function tiffHeader(source: ByteSource): Promise<StoredHeader> {
  const head = await source.read(0, 16);
  if (head.length < 8) throw corruptHeader('TIFF', 'the file ends inside its 8-byte header');
  const layout: Layout = { little: head[0] === 0x49, big: u16(head, 2, head[0] === 0x49) === 43 };
  if (layout.big && head.length < 16) throw corruptHeader('TIFF', 'the file ends inside its 16-byte header');
  const ifd = layout.big ? u64(head, 8, layout.little) : u32(head, 4, layout.little);
  const countBytes = layout.big ? 8 : 2;
  const countField = await source.read(ifd, countBytes);
  if (ifd < 8 || countField.length < countBytes) {
    throw corruptHeader('TIFF', `its first IFD offset ${ifd} is outside the ${source.size}-byte file`);
  }
  const count = Math.min(
    layout.big ? u64(countField, 0, layout.little) : u16(countField, 0, layout.little),
    MAX_ENTRIES,
  );
  const entrySize = layout.big ? 20 : 12;
  const entries = await source.read(ifd + countBytes, count * entrySize);
  const fields = new Map<number, number>();
  for (let at = 0; at + entrySize <= entries.length; at += entrySize) {
    const tag = u16(entries, at, layout.little);
    if (tag === TAG_WIDTH || tag === TAG_HEIGHT || tag === TAG_ORIENTATION) {
      const value = inlineValue(entries, at, layout);
      if (value !== undefined) fields.set(tag, value);
    }
  }
  const orientation = fields.get(TAG_ORIENTATION) ?? 1;
  return sized('TIFF', {
    width: fields.get(TAG_WIDTH) ?? 0,
    height: fields.get(TAG_HEIGHT) ?? 0,
    orientation: orientation >= 1 && orientation <= 8 ? orientation : 1,
  });
}

/** A SHORT, LONG or LONG8 value held in the entry itself (count 1); `undefined` for anything else. */
function inlineValue(entries: Buffer, at: number, { little, big }: Layout): number | undefined {
  const type = u16(entries, at + 2, little);
  const value = at + (big ? 12 : 8);
  if (type === 3) return u16(entries, value, little);
  if (type === 4) return u32(entries, value, little);
  if (type === 16 && big) return u64(entries, value, little);
  return undefined;
}

function u16(b: Buffer, at: number, little: boolean): number {
  return little ? b.readUInt16LE(at) : b.readUInt16BE(at);
}

function u32(b: Buffer, at: number, little: boolean): number {
  return little ? b.readUInt32LE(at) : b.readUInt32BE(at);
}

/** A 64-bit offset or count; past 2^53 it is no real file, and reads as out of range. */
function u64(b: Buffer, at: number, little: boolean): number {
  const value = little ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}
