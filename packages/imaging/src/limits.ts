import { DEFAULT_MAX_INPUT_PIXELS, DEFAULT_MAX_UPLOAD_BYTES } from '@pipeline/domain';
import { InvalidImagingOptionError } from './errors';

/** Upper bounds applied to an input before anything decodes it. */
export interface ImageLimits {
  /** Largest accepted input, in bytes. */
  maxBytes: number;
  /** Largest accepted width x height of one frame, in pixels (checked from the header, before decoding). */
  maxPixels: number;
}

/** 50 MiB and 50 megapixels: the pipeline's defaults, from `@pipeline/domain`. */
export const DEFAULT_LIMITS: Readonly<ImageLimits> = {
  maxBytes: DEFAULT_MAX_UPLOAD_BYTES,
  maxPixels: DEFAULT_MAX_INPUT_PIXELS,
};

/**
 * Merges `overrides` onto {@link DEFAULT_LIMITS}, ignoring `undefined` entries.
 * @throws InvalidImagingOptionError when a limit is not a positive number.
 */
export function resolveLimits(overrides: Partial<ImageLimits> = {}): ImageLimits {
  const limits = {
    maxBytes: overrides.maxBytes ?? DEFAULT_LIMITS.maxBytes,
    maxPixels: overrides.maxPixels ?? DEFAULT_LIMITS.maxPixels,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
      throw new InvalidImagingOptionError(name, `must be a positive number, got ${String(value)}`);
    }
  }
  return limits;
}

/** "900 MP" / "12.5 MP": megapixels for messages people read. */
export function formatMegapixels(pixels: number): string {
  return `${formatNumber(pixels / 1_000_000)} MP`;
}

/** "50 MiB" / "60.2 MiB" / "900 bytes": sizes for messages people read. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes} bytes`;
  return `${formatNumber(bytes / (1024 * 1024))} MiB`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
