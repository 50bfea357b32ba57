import { InvalidImageError } from '../errors';
import { DEFAULT_LIMITS, formatMegapixels } from '../limits';
import { type HeifChannel, type HeifError, type Libheif, loadLibheif } from './libheif';

/** Decoded pixels: 8-bit RGBA, rows packed, as sharp's `raw` input takes them. */
export interface RgbaImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 4;
}

/**
 * Decodes the primary image of a HEIC (HEVC-coded HEIF) into RGBA with
 * libheif's WebAssembly build, for what sharp's prebuilt libvips cannot
 * decode (it has no HEVC decoder). libheif applies the file's own transforms
 * (`irot`, `imir`, `clap`), so the pixels come out as displayed: an EXIF
 * orientation the file also carries must not be applied again (HEIF says
 * readers ignore it). No metadata comes out, only pixels.
 *
 * @param maxPixels largest width x height decoded, checked from the header
 *   before any pixel is (default 50 MP, {@link DEFAULT_LIMITS}).
 * @throws InvalidImageError `Image::Corrupt` for unreadable, truncated or broken
 *   files, `Image::TooManyPixels` over `maxPixels`.
 */
export async function decodeHeic(
  input: Uint8Array,
  maxPixels = DEFAULT_LIMITS.maxPixels,
): Promise<RgbaImage> {
  const lib = await loadLibheif();
  const context = lib.heif_context_alloc();
  try {
    check(lib, lib.heif_context_read_from_memory(context, input));
    const handle = primaryHandle(lib, context);
    try {
      const width = lib.heif_image_handle_get_width(handle);
      const height = lib.heif_image_handle_get_height(handle);
      if (width * height > maxPixels) {
        throw new InvalidImageError(
          'Image::TooManyPixels',
          `HEIC is ${width}x${height} = ${formatMegapixels(width * height)}, over the ${formatMegapixels(maxPixels)} limit`,
        );
      }
      const decoded = await lib.heif_js_decode_image2(
        handle,
        lib.heif_colorspace.heif_colorspace_RGB,
        lib.heif_chroma.heif_chroma_interleaved_RGBA,
      );
      if (decoded.code !== undefined) check(lib, decoded);
      if (!('channels' in decoded)) throw corrupt('no image decoded');
      try {
        const plane = decoded.channels.find((c) => c.id === lib.heif_channel.heif_channel_interleaved);
        if (!plane) throw corrupt('no interleaved RGBA plane decoded');
        return { data: packRows(plane), width: plane.width, height: plane.height, channels: 4 };
      } finally {
        lib.heif_image_release(decoded.image);
      }
    } finally {
      lib.heif_image_handle_release(handle);
    }
  } finally {
    lib.heif_context_free(context);
  }
}

function primaryHandle(lib: Libheif, context: unknown): unknown {
  const ids = lib.heif_js_context_get_list_of_top_level_image_IDs(context);
  if (!Array.isArray(ids)) {
    check(lib, ids);
    throw corrupt('no image list');
  }
  const handles = ids.map((id) => lib.heif_js_context_get_image_handle(context, id));
  const usable = handles.filter((handle) => handle && !(handle as Partial<HeifError>).code);
  const primary = usable.find((handle) => lib.heif_image_handle_is_primary_image(handle)) ?? usable[0];
  for (const handle of usable) if (handle !== primary) lib.heif_image_handle_release(handle);
  if (!primary) throw corrupt('no image in the file');
  return primary;
}

function check(lib: Libheif, error: HeifError): void {
  if (error.code !== lib.heif_error_code.heif_error_Ok) throw corrupt(error.message);
}

function corrupt(detail: string): InvalidImageError {
  return new InvalidImageError('Image::Corrupt', `HEIC cannot be decoded: ${detail}`);
}

/** Copies the plane out of WebAssembly memory, dropping any row padding. */
function packRows(plane: HeifChannel): Buffer {
  const row = plane.width * 4;
  if (plane.stride === row) return Buffer.from(plane.data.subarray(0, row * plane.height));
  const out = Buffer.allocUnsafe(row * plane.height);
  for (let y = 0; y < plane.height; y++) {
    out.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
  }
  return out;
}
