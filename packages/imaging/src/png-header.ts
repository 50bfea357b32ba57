import type { ByteSource } from './byte-source';
import { exifOrientation } from './exif-orientation';
import { corruptHeader, type StoredHeader, sized } from './stored-header';

/** Chunks looked at for an eXIf before the image data; ancillary chunks are few. */
const MAX_CHUNKS = 64;

/**
 * Reads a PNG's IHDR (which the PNG spec requires first) and the orientation
 * of an eXIf chunk placed before the image data, as libvips honours it.
 * Chunks are skipped by their length, never read whole; an eXIf after IDAT
 * (allowed since PNG 1.2's extension) is not looked for.
 *
 * @throws InvalidImageError `Image::Corrupt` when IHDR is not the first chunk.
 */
export async function pngHeader(source: ByteSource): Promise<StoredHeader> {
  const ihdr = await source.read(8, 25);
  if (ihdr.length < 16 || ihdr.toString('latin1', 4, 8) !== 'IHDR') {
    throw corruptHeader('PNG', 'IHDR is not its first chunk');
  }
  const header = { width: ihdr.readUInt32BE(8), height: ihdr.readUInt32BE(12) };
  let offset = 8 + 8 + ihdr.readUInt32BE(0) + 4;
  for (let chunks = 0; chunks < MAX_CHUNKS; chunks++) {
    const chunk = await source.read(offset, 8);
    if (chunk.length < 8) break;
    const length = chunk.readUInt32BE(0);
    const type = chunk.toString('latin1', 4, 8);
    if (type === 'IDAT' || type === 'IEND') break;
    if (type === 'eXIf') {
      return sized('PNG', { ...header, orientation: exifOrientation(await source.read(offset + 8, length)) });
    }
    offset += 12 + length;
  }
  return sized('PNG', { ...header, orientation: 1 });
}
