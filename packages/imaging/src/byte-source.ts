import { ImagingError } from './errors';

/**
 * How much of an upload ingest reads first (one ranged GET): enough for the
 * magic bytes, the dimensions and the EXIF of every photo we have seen, so a
 * second read is the exception (a JPEG with more than this of metadata before
 * its frame header, a TIFF whose first IFD sits at the end, a WebP's EXIF chunk).
 */
export const HEADER_BYTES = 256 * 1024;

/**
 * Further reads a {@link prefixSource} may make beyond the prefix, each of
 * at least {@link HEADER_BYTES}: 8 more reads reach 2.25 MiB into the file,
 * past the 1.1 MB ICC profile of the hostile matrix's metadata-heavy JPEG.
 */
export const MAX_EXTRA_READS = 8;

/** Reads `length` bytes of the object from `start` (fewer at its end). */
export type FetchRange = (start: number, length: number) => Promise<Buffer>;

/** Random access to an upload's bytes, most of which are never read. */
export interface ByteSource {
  /** Size of the whole object in bytes. */
  readonly size: number;
  /** Bytes fetched so far (the prefix included). */
  readonly bytesRead: number;
  /**
   * Bytes `[offset, offset + length)`, clipped to {@link size}: a short (or
   * empty) buffer means the object ends there.
   * @throws HeaderOutOfReachError when the bytes are neither held nor fetchable.
   */
  read(offset: number, length: number): Promise<Buffer>;
}

/** A header read needed bytes past what the source may fetch. */
export class HeaderOutOfReachError extends ImagingError {
  override name = 'HeaderOutOfReachError';
}

/** A source over bytes held in memory: the whole object. */
export function bufferSource(buffer: Buffer): ByteSource {
  return prefixSource(buffer, buffer.length);
}

/**
 * A source over the first bytes of an object of `size` bytes (`prefix`), which
 * reads anything past them with `fetchRange`, in windows of at least
 * {@link HEADER_BYTES} and at most `maxExtraReads` times.
 */
export function prefixSource(
  prefix: Buffer,
  size: number,
  fetchRange?: FetchRange,
  maxExtraReads = MAX_EXTRA_READS,
): ByteSource {
  const windows: { start: number; data: Buffer }[] = [{ start: 0, data: prefix }];
  let bytesRead = prefix.length;
  let extraReads = 0;
  return {
    size,
    get bytesRead() {
      return bytesRead;
    },
    async read(offset, length) {
      const start = Math.min(Math.max(0, offset), size);
      const end = Math.min(size, start + Math.max(0, length));
      const held = windows.find((w) => w.start <= start && end <= w.start + w.data.length);
      if (held) return held.data.subarray(start - held.start, end - held.start);
      if (!fetchRange || extraReads >= maxExtraReads) {
        throw new HeaderOutOfReachError(`bytes ${start}-${end} are past the ${bytesRead} bytes read`);
      }
      extraReads++;
      const data = await fetchRange(start, Math.max(end - start, HEADER_BYTES));
      bytesRead += data.length;
      windows.push({ start, data });
      return data.subarray(0, end - start);
    },
  };
}
