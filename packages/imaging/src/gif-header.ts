import type { ByteSource } from './byte-source';
import { corruptHeader, type StoredHeader, sized } from './stored-header';

/** Blocks walked before the first image descriptor: a few extensions precede it. */
const MAX_BLOCKS = 256;

/**
 * Reads a GIF's logical screen size (GIF89a section 18), the size libvips
 * gives the image, and the extent of its first frame, which the pixel limit
 * also covers: a frame may declare itself larger than the screen. Only the
 * blocks before the first image descriptor are walked; the frames' data and
 * count (an animation's page count needs the whole file) are never read.
 *
 * @throws InvalidImageError `Image::Corrupt` when no image descriptor follows the header.
 */
export async function gifHeader(source: ByteSource): Promise<StoredHeader> {
  const screen = await source.read(0, 13);
  if (screen.length < 13) throw corruptHeader('GIF', 'the file ends inside its screen descriptor');
  const flags = screen[10] ?? 0;
  let offset = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  for (let blocks = 0; blocks < MAX_BLOCKS; blocks++) {
    const block = await source.read(offset, 10);
    if (block[0] === 0x2c && block.length >= 10) {
      const right = block.readUInt16LE(1) + block.readUInt16LE(5);
      const bottom = block.readUInt16LE(3) + block.readUInt16LE(7);
      const width = screen.readUInt16LE(6) || right;
      const height = screen.readUInt16LE(8) || bottom;
      return sized('GIF', {
        width,
        height,
        orientation: 1,
        pixels: Math.max(width, right) * Math.max(height, bottom),
      });
    }
    if (block[0] !== 0x21 || block.length < 2) break;
    offset = await skipSubBlocks(source, offset + 2);
  }
  throw corruptHeader('GIF', 'no image descriptor follows its header');
}

/** The offset after a chain of data sub-blocks (size byte, data; a zero size ends it). */
async function skipSubBlocks(source: ByteSource, offset: number): Promise<number> {
  let at = offset;
  for (let blocks = 0; blocks < MAX_BLOCKS * 16; blocks++) {
    const size = (await source.read(at, 1))[0];
    if (size === undefined) throw corruptHeader('GIF', 'the file ends inside an extension block');
    at += 1 + size;
    if (size === 0) return at;
  }
  throw corruptHeader('GIF', 'an extension block does not end');
}
