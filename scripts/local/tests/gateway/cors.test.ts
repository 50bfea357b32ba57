import { describe, expect, it } from 'vitest';
import {
  corsConfigFor,
  isPreflight,
  normalizeOrigin,
  preflightHeaders,
  withCorsHeaders,
} from '../../gateway/cors.ts';

const WEB = 'http://localhost:4581';
const config = corsConfigFor(`${WEB}/`, 'https://a.example, https://b.example:8443/app', undefined);

describe('corsConfigFor', () => {
  it("allows the web app's origin and ALLOWED_ORIGINS, normalised", () => {
    expect(config.allowOrigins).toEqual([WEB, 'https://a.example', 'https://b.example:8443']);
    expect(corsConfigFor(undefined, '').allowOrigins).toEqual([]);
  });

  it('ignores entries that are not origins', () => {
    expect(normalizeOrigin('not a url')).toBeUndefined();
    expect(normalizeOrigin('null')).toBeUndefined();
  });
});

describe('preflightHeaders', () => {
  const preflight = (origin: string, method = 'PATCH', headers = 'authorization,content-type') => ({
    origin,
    'access-control-request-method': method,
    'access-control-request-headers': headers,
  });

  it('allows the web origin with the configured methods, headers and max-age', () => {
    expect(isPreflight('OPTIONS', preflight(WEB))).toBe(true);
    expect(preflightHeaders(config, preflight(WEB))).toEqual({
      'access-control-allow-origin': WEB,
      'access-control-allow-methods': 'GET,POST,PATCH,DELETE,OPTIONS',
      'access-control-allow-headers': 'authorization,content-type',
      'access-control-max-age': '3600',
      vary: 'Origin',
    });
  });

  it.each([
    ['another origin', preflight('http://evil.example')],
    ['a method not allowed', preflight(WEB, 'PUT')],
    ['a header not allowed', preflight(WEB, 'GET', 'authorization,x-secret')],
  ])('allows nothing for %s', (_case, headers) => {
    expect(preflightHeaders(config, headers)).toEqual({});
  });

  it('treats OPTIONS without Access-Control-Request-Method as an ordinary request', () => {
    expect(isPreflight('OPTIONS', { origin: WEB })).toBe(false);
  });
});

describe('withCorsHeaders', () => {
  it("replaces the integration's CORS headers and allows only an allowed origin", () => {
    const headers = { 'content-type': 'application/json', 'access-control-allow-origin': '*' };

    expect(withCorsHeaders(config, WEB, headers)).toEqual({
      'content-type': 'application/json',
      'access-control-allow-origin': WEB,
      'access-control-expose-headers': 'location',
      vary: 'Origin',
    });
    expect(withCorsHeaders(config, 'http://evil.example', headers)).toEqual({
      'content-type': 'application/json',
    });
    expect(withCorsHeaders(config, undefined, headers)).toEqual({ 'content-type': 'application/json' });
  });
});
