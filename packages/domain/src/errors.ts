/**
 * Base of every error the pipeline raises on purpose. `code` is stable (it is
 * logged, stored and returned over HTTP); `permanent` tells a queue handler
 * whether retrying could ever help.
 */
export class PipelineError extends Error {
  override readonly name: string = 'PipelineError';
  /** Stable, machine-readable code such as `Key::Invalid`. */
  readonly code: string;
  /** `true` when retrying the same input can never succeed. */
  readonly permanent: boolean;
  /** HTTP status for errors that reach an API response. */
  readonly status: number;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; permanent?: boolean; status?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.permanent = options.permanent ?? false;
    this.status = options.status ?? 500;
  }
}

/**
 * An error about the input itself (malformed message, unusable key): recorded
 * and acknowledged, never retried.
 */
export class PermanentError extends PipelineError {
  override readonly name: string = 'PermanentError';

  constructor(code: string, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(code, message, { ...options, permanent: true, status: options.status ?? 400 });
  }
}

/** An S3 object key that cannot be decoded or does not name an image. */
export class InvalidKeyError extends PermanentError {
  override readonly name = 'InvalidKeyError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super('Key::Invalid', message, options);
  }
}

/** An ordering input (S3 sequencer or event time) that cannot be turned into an order key. */
export class InvalidOrderKeyError extends PermanentError {
  override readonly name = 'InvalidOrderKeyError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super('Order::Invalid', message, options);
  }
}

/** A queue message names an image the table does not hold. Permanent: acknowledged, never retried. */
export class UnknownImageError extends PermanentError {
  override readonly name = 'UnknownImageError';

  constructor(imageId: string) {
    super('Image::NotFound', `id: no image ${imageId}`, { status: 404 });
  }
}

/** `true` for errors that must be acknowledged instead of retried (see {@link PipelineError.permanent}). */
export function isPermanentError(error: unknown): error is PipelineError {
  return error instanceof PipelineError && error.permanent;
}
