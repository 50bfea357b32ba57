import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiGateway } from '../../../../scripts/local/gateway/api-gateway.ts';
import { signIn } from '../../../../scripts/local/gateway/cognito.ts';
import type { ApiCall } from '../../../../tests/support/api.ts';
import { endpoint, type LocalApi, stack, startLocalApi, type Who } from './api-harness.ts';

// The gateway in front of the API: routing, the JWT authorizer and CORS.
let api: LocalApi;
let gateway: ApiGateway;
let call: ApiCall;
let alice: Who;
let bob: Who;

beforeAll(async () => {
  api = await startLocalApi();
  ({ gateway, call, alice, bob } = api);
});
afterAll(() => api?.stop());

describe('the HTTP API: the gateway', () => {
  it('serves at the api_url the suite announces', () => {
    expect(gateway.url).toBe(stack.api_url);
  });
});

describe('the HTTP API: the JWT authorizer', () => {
  const routes = [
    ['POST', '/uploads'],
    ['POST', '/images'],
    ['GET', '/images'],
    ['GET', `/images/${randomUUID()}`],
    ['PATCH', `/images/${randomUUID()}`],
    ['DELETE', `/images/${randomUUID()}`],
    ['POST', `/images/${randomUUID()}/review`],
    ['GET', `/images/${randomUUID()}/original`],
    ['GET', `/images/${randomUUID()}/thumbnail`],
  ] as const;

  it.each(routes)('answers 401 to %s %s without a token', async (method, path) => {
    const response = await call(method, path);

    expect(response.status).toBe(401);
    expect(response.body).toEqual({ message: 'Unauthorized' });
  });

  it('answers 401 to a token whose claims were changed after signing, and to garbage', async () => {
    const [header, payload, signature] = alice.token.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: bob.sub })).toString('base64url');

    for (const token of [`${header}.${forged}.${signature}`, 'not.a.jwt', `${alice.token}x`]) {
      const response = await call('GET', '/images', { token });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ message: 'Unauthorized' });
    }
  });

  it('accepts the access token as well as the ID token', async () => {
    const { accessToken } = await signIn(stack, endpoint, alice.email, alice.password);

    expect((await call('GET', '/images', { token: accessToken })).status).toBe(200);
    expect((await call('GET', '/images', { token: alice.token })).status).toBe(200);
  });

  it('answers 404 Not Found to a route that does not exist', async () => {
    const response = await call('GET', '/nothing', { token: alice.token });

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: 'Not Found' });
  });
});

describe('the HTTP API: CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${gateway.url}/images`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });

  it("allows the web app's origin", async () => {
    const web = new URL(stack.web_url as string).origin;

    const response = await preflight(web);
    const actual = await call('GET', '/images', { token: alice.token, headers: { origin: web } });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(web);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(actual.headers.get('access-control-allow-origin')).toBe(web);
  });

  it('allows no other origin', async () => {
    const response = await preflight('https://evil.example');
    const actual = await call('GET', '/images', {
      token: alice.token,
      headers: { origin: 'https://evil.example' },
    });

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(actual.headers.get('access-control-allow-origin')).toBeNull();
  });
});
