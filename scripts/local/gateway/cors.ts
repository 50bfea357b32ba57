/**
 * API Gateway's `cors_configuration`, played locally: the gateway answers
 * preflight requests itself, adds Access-Control-Allow-Origin to responses
 * for allowed origins only, and replaces whatever CORS headers the
 * integration returned (API Gateway ignores those once CORS is configured).
 * No I/O here.
 */

export interface CorsConfig {
  /** Exact origins (`scheme://host[:port]`). */
  allowOrigins: string[];
  allowMethods: string[];
  /** Lower-case header names. */
  allowHeaders: string[];
  exposeHeaders: string[];
  /** Seconds a browser may cache a preflight answer. */
  maxAge: number;
}

/** What terraform/modules/http_api configures besides the origins; keep the two in step. */
export const API_CORS = {
  allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
  allowHeaders: ['authorization', 'content-type'],
  exposeHeaders: ['location'],
  maxAge: 3600,
} as const;

/** `scheme://host[:port]` of a URL or origin; undefined for anything else (`""`, `null`). */
export function normalizeOrigin(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const { origin } = new URL(value.trim());
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * The API's CORS configuration: the web app's origin (`web_url`) plus every
 * origin in the comma-separated `allowedOrigins` lists (ALLOWED_ORIGINS).
 */
export function corsConfigFor(
  webUrl: string | undefined,
  ...allowedOrigins: (string | undefined)[]
): CorsConfig {
  const origins = [webUrl, ...allowedOrigins.flatMap((list) => (list ?? '').split(','))]
    .map(normalizeOrigin)
    .filter((o): o is string => o !== undefined);
  return {
    allowOrigins: [...new Set(origins)],
    allowMethods: [...API_CORS.allowMethods],
    allowHeaders: [...API_CORS.allowHeaders],
    exposeHeaders: [...API_CORS.exposeHeaders],
    maxAge: API_CORS.maxAge,
  };
}

/** True when `origin` (the request's Origin header) may read responses. */
export function isAllowedOrigin(config: CorsConfig, origin: string | undefined): origin is string {
  return origin !== undefined && config.allowOrigins.includes(origin);
}

/** A CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
export function isPreflight(method: string, headers: Record<string, string>): boolean {
  return (
    method.toUpperCase() === 'OPTIONS' &&
    headers.origin !== undefined &&
    headers['access-control-request-method'] !== undefined
  );
}

/**
 * Headers of the gateway's own answer to a preflight: the allowed methods,
 * headers and max-age when the origin, method and every requested header are
 * allowed; none otherwise (the browser then blocks the request).
 */
export function preflightHeaders(
  config: CorsConfig,
  headers: Record<string, string>,
): Record<string, string> {
  const origin = headers.origin;
  const method = headers['access-control-request-method']?.trim().toUpperCase() ?? '';
  const requested = (headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const allowed =
    isAllowedOrigin(config, origin) &&
    config.allowMethods.includes(method) &&
    requested.every((h) => config.allowHeaders.includes(h));
  if (!allowed) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': config.allowMethods.join(','),
    'access-control-allow-headers': config.allowHeaders.join(','),
    'access-control-max-age': String(config.maxAge),
    vary: 'Origin',
  };
}

/**
 * `headers` of an actual response with the integration's CORS headers
 * replaced by the gateway's: Access-Control-Allow-Origin only for an allowed
 * `origin`.
 */
export function withCorsHeaders<T extends string | string[]>(
  config: CorsConfig,
  origin: string | undefined,
  headers: Record<string, T>,
): Record<string, T | string> {
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !name.toLowerCase().startsWith('access-control-')),
  ) as Record<string, T | string>;
  if (!isAllowedOrigin(config, origin)) return kept;
  kept['access-control-allow-origin'] = origin;
  if (config.exposeHeaders.length > 0) kept['access-control-expose-headers'] = config.exposeHeaders.join(',');
  kept.vary = kept.vary ? `${kept.vary}, Origin` : 'Origin';
  return kept;
}
