import { InvalidImageError } from './errors';

/** What a format's header declares, before orientation is applied. */
export interface StoredHeader {
  /** Width of the stored pixels (the first frame or page). */
  width: number;
  /** Height of the stored pixels (the first frame or page). */
  height: number;
  /** Largest width x height any part of the header declares: the pixel limit applies to it. */
  pixels?: number;
  /** EXIF orientation 1-8 (1 when absent). */
  orientation: number;
}

/** `Image::Corrupt` for a header that cannot be read. */
export function corruptHeader(format: string, detail: string): InvalidImageError {
  return new InvalidImageError('Image::Corrupt', `${format} header cannot be read: ${detail}`);
}

/** Checks that both sides are positive, as every decoder requires. */
export function sized(format: string, header: StoredHeader): StoredHeader {
  if (!(header.width > 0 && header.height > 0)) {
    throw corruptHeader(format, `declares ${header.width}x${header.height} pixels`);
  }
  return header;
}
