import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchRoute, parseRouteKey, readHttpTriggers, routesFrom } from '../../gateway/http-routes.ts';

const API_ROUTES = [
  'POST /uploads',
  'POST /images',
  'GET /images',
  'GET /images/{id}',
  'PATCH /images/{id}',
  'DELETE /images/{id}',
  'POST /images/{id}/review',
  'GET /images/{id}/original',
  'GET /images/{id}/thumbnail',
];
const routes = routesFrom({ api: { routes: API_ROUTES, authorizer: 'cognito' } });

describe('matchRoute', () => {
  it.each([
    ['GET', '/images', 'GET /images', undefined],
    ['GET', '/images/abc', 'GET /images/{id}', { id: 'abc' }],
    ['PATCH', '/images/abc', 'PATCH /images/{id}', { id: 'abc' }],
    ['POST', '/images/abc/review', 'POST /images/{id}/review', { id: 'abc' }],
    ['GET', '/images/abc/thumbnail', 'GET /images/{id}/thumbnail', { id: 'abc' }],
  ])('routes %s %s to "%s" with its path parameters', (method, url, routeKey, params) => {
    const match = matchRoute(routes, method, url);

    expect(match?.route.routeKey).toBe(routeKey);
    expect(match?.route.functionName).toBe('api');
    expect(match?.route.authorized).toBe(true);
    expect(match?.pathParameters).toEqual(params);
  });

  it.each([
    ['PUT', '/images/abc'],
    ['GET', '/uploads'],
    ['GET', '/images/abc/unknown'],
    ['GET', '/images/'],
    ['GET', '/'],
    ['DELETE', '/images'],
  ])('finds no route for %s %s (API Gateway answers 404)', (method, url) => {
    expect(matchRoute(routes, method, url)).toBeUndefined();
  });

  it('decodes path parameters, matching method case-insensitively', () => {
    expect(matchRoute(routes, 'get', '/images/a%20b%2Fc')?.pathParameters).toEqual({ id: 'a b/c' });
  });

  it('prefers literal segments over variables, variables over greedy ones, and a method over ANY', () => {
    const mixed = routesFrom({
      fn: {
        routes: [
          'ANY /{proxy+}',
          'GET /images/{id}',
          'GET /images/latest',
          'ANY /images/{id}',
          'GET /images/{proxy+}',
          '$default',
        ],
      },
    });

    expect(matchRoute(mixed, 'GET', '/images/latest')?.route.routeKey).toBe('GET /images/latest');
    expect(matchRoute(mixed, 'GET', '/images/x')?.route.routeKey).toBe('GET /images/{id}');
    expect(matchRoute(mixed, 'POST', '/images/x')?.route.routeKey).toBe('ANY /images/{id}');
    expect(matchRoute(mixed, 'GET', '/images/x/y')).toMatchObject({
      route: { routeKey: 'GET /images/{proxy+}' },
      pathParameters: { proxy: 'x/y' },
    });
    expect(matchRoute(mixed, 'POST', '/a/b')?.pathParameters).toEqual({ proxy: 'a/b' });
    expect(matchRoute(mixed, 'GET', '/')?.route.routeKey).toBe('$default');
  });
});

describe('parseRouteKey', () => {
  it.each(['GET images', 'FETCH /images', 'GET /{proxy+}/x', ''])('refuses the route key "%s"', (key) => {
    expect(() => parseRouteKey(key, 'api', true)).toThrow(/routes: /);
  });
});

describe('readHttpTriggers', () => {
  it('reads trigger.http of the manifests that have one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'functions-'));
    const manifest = (name: string, body: unknown) => {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, 'function.json'), JSON.stringify(body));
    };
    manifest('api', { trigger: { http: { authorizer: 'cognito', routes: ['GET /images'] } } });
    manifest('ingest', { trigger: { queue: { batchSize: 5 } } });

    expect(readHttpTriggers(dir)).toEqual({ api: { authorizer: 'cognito', routes: ['GET /images'] } });
  });

  it('names the manifest whose routes are not a list of strings', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'functions-'));
    mkdirSync(path.join(dir, 'api'));
    writeFileSync(path.join(dir, 'api', 'function.json'), '{"trigger":{"http":{"routes":"GET /"}}}');

    expect(() => readHttpTriggers(dir)).toThrow(/api.function\.json: trigger\.http\.routes/);
  });
});
