import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiGateway, MAX_INVOKE_PAYLOAD_BYTES, startApiGateway } from '../../gateway/api-gateway.ts';
import { ECHO_HANDLER, echoStackOutputs, WEB } from './echo-stack.ts';
import { startFakeCognito } from './fake-cognito.ts';

const POOL = 'us-east-1_GatewayTest';
const CLIENT = 'web-client';

// One gateway (echo handler, fake Cognito JWKS) for every test of this file.
let cognito: Awaited<ReturnType<typeof startFakeCognito>>;
let gateway: ApiGateway;
const lines: string[] = [];
const call = (url: string, init: RequestInit = {}) => fetch(`${gateway.url}${url}`, init);
const auth = (token = cognito.token()) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  cognito = await startFakeCognito(POOL, CLIENT);
  gateway = await startApiGateway({
    outputs: echoStackOutputs({ user_pool_id: POOL, user_pool_client_id: CLIENT }),
    endpoint: cognito.endpoint,
    port: 0,
    handlers: { api: ECHO_HANDLER },
    triggers: { api: { authorizer: 'cognito', routes: ['GET /images/{id}', 'POST /images', 'GET /fail'] } },
    allowedOrigins: [],
    log: (line) => lines.push(line),
    style: { color: false, format: 'pretty' },
  });
});
afterAll(async () => {
  await gateway?.stop();
  await cognito?.stop();
});

describe('startApiGateway (echo handler, fake Cognito JWKS): routes and the authorizer', () => {
  it('invokes the handler with the route, path parameters and stringified claims', async () => {
    const response = await call('/images/abc?x=1', { headers: auth() });
    const event = await response.json();

    expect(response.status).toBe(200);
    expect(response.headers.get('apigw-requestid')).toBeTruthy();
    expect(event).toMatchObject({
      routeKey: 'GET /images/{id}',
      pathParameters: { id: 'abc' },
      queryStringParameters: { x: '1' },
      requestContext: {
        authorizer: { jwt: { claims: { sub: 'user-a', 'cognito:groups': '[moderators]' } } },
      },
    });
    expect(lines).toContainEqual(expect.stringMatching(/GET \/images\/abc\?x=1 → 200 \(\d+ ms\)/));
  });

  it('answers 401 like the JWT authorizer without a token or with a forged one', async () => {
    const [header, , signature] = cognito.token().split('.');
    const forged = `${header}.${Buffer.from('{"sub":"x"}').toString('base64url')}.${signature}`;

    for (const headers of [{}, auth(forged), auth(cognito.token({ aud: 'other' }))]) {
      const response = await call('/images/abc', { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
    }
  });

  it('answers 404 Not Found for a request that matches no route, before checking the token', async () => {
    const response = await call('/nothing/here');

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
  });

  it('answers 500 Internal Server Error when the handler throws', async () => {
    const response = await call('/fail', { headers: auth() });

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
  });
});

describe('startApiGateway (echo handler, fake Cognito JWKS): bodies', () => {
  it('passes a binary body base64-encoded', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1]);

    const response = await call('/images', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'image/jpeg' },
      body: bytes,
    });

    expect(await response.json()).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
  });

  it("answers 413 for a body over 10 MB and for an event over Lambda's invoke limit", async () => {
    const tooLarge = await call('/images', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'image/jpeg' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    const overInvokeLimit = await call('/images', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'image/jpeg' },
      body: Buffer.alloc(Math.ceil((MAX_INVOKE_PAYLOAD_BYTES * 3) / 4)),
    });

    expect(tooLarge.status).toBe(413);
    expect(overInvokeLimit.status).toBe(413);
    expect(await overInvokeLimit.json()).toEqual({ message: 'Request Entity Too Large' });
  });
});

describe('startApiGateway (echo handler, fake Cognito JWKS): CORS and concurrency', () => {
  it("answers a preflight from the web app's origin and not from another one", async () => {
    const preflight = (origin: string) =>
      call('/images', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });

    const allowed = await preflight(WEB);
    const refused = await preflight('http://evil.example');

    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(WEB);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("replaces the handler's CORS headers with the gateway's", async () => {
    const fromWeb = await call('/images/abc', { headers: { ...auth(), origin: WEB } });
    const fromElsewhere = await call('/images/abc', {
      headers: { ...auth(), origin: 'http://evil.example' },
    });
    const unauthorized = await call('/images/abc', { headers: { origin: WEB } });

    expect(fromWeb.headers.get('access-control-allow-origin')).toBe(WEB);
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe(WEB);
  });

  it('serves concurrent requests from more execution environments', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => call(`/images/${i}`, { headers: auth() }).then((r) => r.status)),
    );

    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });
});
