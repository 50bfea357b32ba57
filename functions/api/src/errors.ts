import { PipelineError } from '@pipeline/domain';

/**
 * An error that is an HTTP answer: `status` and a stable `code` go to the
 * client as `{ error: { code, message } }` (see `responses.ts`), so the
 * message must never carry anything the caller may not see.
 */
export class HttpError extends PipelineError {
  override readonly name: string = 'HttpError';
  /** Extra response headers (for example `Retry-After`). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(code, message, { cause: options.cause, status, permanent: true });
    this.headers = options.headers ?? {};
  }
}

/** 400: the body is not JSON, or a body, path or query field fails validation (the message names it). */
export class MalformedRequestError extends HttpError {
  override readonly name = 'MalformedRequestError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(400, 'Request::Malformed', message, options);
  }
}

/** 401: no usable caller identity in the token claims. */
export class UnauthorizedError extends HttpError {
  override readonly name = 'UnauthorizedError';

  constructor(message = 'A valid token is required') {
    super(401, 'Auth::Unauthorized', message);
  }
}

/** 403: a moderator-only action by someone who is not a moderator. */
export class ForbiddenError extends HttpError {
  override readonly name = 'ForbiddenError';

  constructor(message: string) {
    super(403, 'Auth::Forbidden', message);
  }
}

/** 404: no such image, or one the caller may not see (the two are indistinguishable on purpose). */
export class ImageNotFoundError extends HttpError {
  override readonly name = 'ImageNotFoundError';

  constructor(imageId: string, detail = 'not found') {
    super(404, 'Image::NotFound', `Image ${imageId}: ${detail}`);
  }
}

/** 404: the image exists but has no renditions yet (not PROCESSED). */
export class ImageNotReadyError extends HttpError {
  override readonly name = 'ImageNotReadyError';

  constructor(imageId: string, status: string) {
    super(404, 'Image::NotReady', `Image ${imageId} is ${status}; its renditions are not ready`);
  }
}

/** 404: a route key this function does not serve. */
export class RouteNotFoundError extends HttpError {
  override readonly name = 'RouteNotFoundError';

  constructor(routeKey: string) {
    super(404, 'Route::NotFound', `No route ${routeKey}`);
  }
}

/** 409: the image's state does not allow the action (for example reviewing a DELETED image). */
export class ImageConflictError extends HttpError {
  override readonly name = 'ImageConflictError';

  constructor(message: string) {
    super(409, 'Image::Conflict', message);
  }
}

/** 413: more bytes than the limit of this kind of upload. */
export class TooLargeError extends HttpError {
  override readonly name = 'TooLargeError';

  constructor(message: string) {
    super(413, 'Image::TooLarge', message);
  }
}

/** 415: a Content-Type the pipeline never accepts. */
export class UnsupportedTypeError extends HttpError {
  override readonly name = 'UnsupportedTypeError';

  constructor(message: string) {
    super(415, 'Image::UnsupportedType', message);
  }
}

/**
 * 403: the caller's quota (live images or their total bytes) leaves no room
 * for this upload. `code` is `Quota::Images` or `Quota::Bytes`; waiting does
 * not help, deleting images does.
 */
export class QuotaExceededError extends HttpError {
  override readonly name = 'QuotaExceededError';

  constructor(code: 'Quota::Images' | 'Quota::Bytes', message: string) {
    super(403, code, message);
  }
}

/** 429 `Quota::Rate`: too many upload requests this minute; `Retry-After` says when the window ends. */
export class RateLimitedError extends HttpError {
  override readonly name = 'RateLimitedError';

  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'Quota::Rate', message, { headers: { 'retry-after': String(retryAfterSeconds) } });
  }
}
