import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** libheif's error struct as the Emscripten build returns it. */
export interface HeifError {
  code: unknown;
  message: string;
}

/** One plane of a decoded image: interleaved RGBA rows, `stride` bytes apart. */
export interface HeifChannel {
  id: unknown;
  width: number;
  height: number;
  stride: number;
  data: Uint8Array;
}

/** A decoded image, or an error (`code` set) when the bitstream is broken. */
export type DecodedHeif = { image: unknown; channels: HeifChannel[]; code?: undefined } | HeifError;

/** The part of libheif-js's binding (the C API, `heif_` names) the decoder uses. */
export interface Libheif {
  heif_context_alloc(): unknown;
  heif_context_free(context: unknown): void;
  heif_context_read_from_memory(context: unknown, data: Uint8Array): HeifError;
  heif_js_context_get_list_of_top_level_image_IDs(context: unknown): number[] | HeifError;
  heif_js_context_get_image_handle(context: unknown, id: number): unknown;
  heif_image_handle_is_primary_image(handle: unknown): number;
  heif_image_handle_get_width(handle: unknown): number;
  heif_image_handle_get_height(handle: unknown): number;
  heif_image_handle_release(handle: unknown): void;
  heif_js_decode_image2(handle: unknown, colorspace: unknown, chroma: unknown): Promise<DecodedHeif>;
  heif_image_release(image: unknown): void;
  heif_error_code: { heif_error_Ok: unknown };
  heif_colorspace: { heif_colorspace_RGB: unknown };
  heif_chroma: { heif_chroma_interleaved_RGBA: unknown };
  heif_channel: { heif_channel_interleaved: unknown };
}

/**
 * The libheif-js files, resolved like any package so the same code finds them
 * in the repository's node_modules (tests, the local runtime running
 * functions/resize/dist/index.mjs) and in the zip's node_modules/ (Lambda).
 * They stay separate files, never bundled: libheif and libde265 are LGPL-3.0,
 * shipped replaceable like sharp's libvips (scripts/build/lib/bundle.mjs).
 */
const LIBHEIF_SCRIPT = 'libheif-js/libheif-wasm/libheif.js';

let loading: Promise<Libheif> | undefined;

/**
 * Instantiates libheif's WebAssembly once per process, on first use (~130 ms
 * measured), so a resize that never meets a HEIC pays nothing for it.
 * @throws when the libheif-js files are missing (a zip packaged without `"heic": true`).
 */
export function loadLibheif(): Promise<Libheif> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function instantiate(): Promise<Libheif> {
  // A require of our own: esbuild leaves calls on it alone, so libheif.js is loaded from disk at run time.
  const requireAtRunTime = createRequire(import.meta.url);
  const script = requireAtRunTime.resolve(LIBHEIF_SCRIPT);
  // Passed in, because the package's own wasm.js looks for libheif.wasm relative to the working directory.
  const wasmBinary = await readFile(join(dirname(script), 'libheif.wasm'));
  const factory = requireAtRunTime(script) as (options: { wasmBinary: Uint8Array }) => Promise<Libheif>;
  return factory({ wasmBinary });
}
