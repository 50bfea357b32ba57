import type { Log } from '@pipeline/aws';
import type { ApiResult } from './deps.js';
import { HttpError } from './errors.js';

/** A JSON response. API responses are per-user, so nothing is cacheable by shared caches. */
export function json(statusCode: number, body: unknown): ApiResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/** A 302 to `location`; `cacheControl` defaults to `no-store` (presigned URLs expire). */
export function redirect(location: string, cacheControl = 'no-store'): ApiResult {
  return { statusCode: 302, headers: { location, 'cache-control': cacheControl } };
}

/**
 * A 302 to `location`, or, when the client asked for JSON (`Accept:
 * application/json`), 200 `{ url, ...extra }`: a browser's fetch() follows a
 * cross-origin redirect only when the target allows CORS, and cannot read
 * the Location of an unfollowed one, so a web app asks for the URL instead.
 */
export function redirectOrUrl(
  accept: string | undefined,
  location: string,
  options: { cacheControl?: string; extra?: Record<string, unknown> } = {},
): ApiResult {
  if (accept && /\bapplication\/json\b/i.test(accept)) return json(200, { url: location, ...options.extra });
  return redirect(location, options.cacheControl);
}

/**
 * The one place errors become responses: an {@link HttpError} answers with its
 * status, code and message; anything else is logged and answered 500
 * `Internal::Error` with no detail.
 */
export function errorResponse(error: unknown, logger: Log, context: Record<string, unknown> = {}): ApiResult {
  if (error instanceof HttpError) {
    logger.info('Request refused', {
      ...context,
      status: error.status,
      code: error.code,
      reason: error.message,
    });
    const result = json(error.status, { error: { code: error.code, message: error.message } });
    return { ...result, headers: { ...result.headers, ...error.headers } };
  }
  logger.error('Request failed', { ...context, error });
  return json(500, { error: { code: 'Internal::Error', message: 'Internal error' } });
}
