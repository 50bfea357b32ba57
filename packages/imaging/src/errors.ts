import type { RejectReason } from '@pipeline/domain';

/**
 * Stable codes for every way an input can fail validation. They are part of
 * the public contract: the ingest function records them as the reject reason
 * and the HTTP API returns them, so never rename one.
 */
export type InvalidImageReason = RejectReason;

/** Base class of everything `@pipeline/imaging` throws on purpose. */
export class ImagingError extends Error {
  override name = 'ImagingError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * The input is not an image this pipeline accepts. This is a permanent
 * failure: retrying the same bytes gives the same answer, so callers record
 * it and acknowledge the message instead of retrying.
 */
export class InvalidImageError extends ImagingError {
  override name = 'InvalidImageError';
  /** Stable machine-readable code, e.g. `Image::Corrupt`. */
  readonly reason: InvalidImageReason;
  /** HTTP status an API should answer with: 413 for size limits, 415 for formats, else 422. */
  readonly statusCode: number;

  constructor(reason: InvalidImageReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
    this.statusCode = statusForReason(reason);
  }
}

/** A caller passed an option outside its documented range (a programming error, not bad input). */
export class InvalidImagingOptionError extends ImagingError {
  override name = 'InvalidImagingOptionError';
  /** Name of the offending option, e.g. `jpegQuality`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(`${option}: ${message}`);
    this.option = option;
  }
}

function statusForReason(reason: InvalidImageReason): number {
  switch (reason) {
    case 'Image::TooLarge':
    case 'Image::TooManyPixels':
      return 413;
    case 'Image::UnsupportedFormat':
    case 'Image::NotAnImage':
      return 415;
    default:
      return 422;
  }
}
