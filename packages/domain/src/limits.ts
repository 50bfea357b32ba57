/**
 * Default upper bounds on an upload. Each can be lowered or raised per
 * deployment (MAX_UPLOAD_BYTES and MAX_INPUT_PIXELS in a function's
 * environment, set from Terraform's `image_limits`); these apply when it is not.
 */

/** Largest accepted upload, in bytes: 50 MiB, room for any phone or DSLR photo. */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * Largest accepted width x height of one frame, in pixels: 50 megapixels,
 * checked from the header before decoding, far below what a 2 GB Lambda can decode.
 */
export const DEFAULT_MAX_INPUT_PIXELS = 50_000_000;
