/** An error the API answered with: `{ error: { code, message } }` and an HTTP status. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The request never got an HTTP answer (offline, CORS, DNS). */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

const FALLBACK: Record<number, string> = {
  401: 'Your session has ended. Sign in again.',
  403: 'You are not allowed to do that.',
  404: 'That photo does not exist.',
  413: 'The file is too large.',
  415: 'That file type is not supported.',
  500: 'Something went wrong on our side. Try again.',
};

/**
 * Builds an ApiError from a status and whatever body came back, keeping the
 * API's message when there is one.
 */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP::${status}`;
  const message =
    typeof error?.message === 'string' && error.message
      ? error.message
      : (FALLBACK[status] ?? `Request failed (HTTP ${status}).`);
  return new ApiError(status, code, message);
}
