import { describe, expect, it } from 'vitest';
import {
  buildHttpEvent,
  formatRequestTime,
  headersOf,
  isTextContentType,
  jwtContext,
  stringifyClaims,
} from '../../gateway/http-event.ts';
import { routesFrom } from '../../gateway/http-routes.ts';

const [route] = routesFrom({ api: { routes: ['GET /images/{id}'], authorizer: 'cognito' } });
const match = { route: route as NonNullable<typeof route>, pathParameters: { id: 'abc' } };
const meta = {
  accountId: '123456789012',
  apiId: 'local',
  requestId: 'JKJaXmPLvHcESHA=',
  now: 1_584_039_838_000,
};

function request(overrides: Partial<Parameters<typeof buildHttpEvent>[0]> = {}) {
  return {
    method: 'GET',
    url: '/images/abc?limit=2&tag=a&tag=b&q=a%20b',
    rawHeaders: ['Host', '127.0.0.1:4580', 'User-Agent', 'curl/8', 'X-Many', '1', 'x-many', '2'],
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    ...overrides,
  };
}

describe('stringifyClaims', () => {
  it('passes every claim as a string, arrays the way API Gateway prints them', () => {
    expect(
      stringifyClaims({
        sub: 'u-1',
        exp: 1700000000,
        email_verified: true,
        'cognito:groups': ['moderators', 'editors'],
        address: { country: 'FR' },
      }),
    ).toEqual({
      sub: 'u-1',
      exp: '1700000000',
      email_verified: 'true',
      'cognito:groups': '[moderators editors]',
      address: '{"country":"FR"}',
    });
  });
});

describe('jwtContext', () => {
  it("splits an access token's scope and gives ID tokens null scopes", () => {
    expect(jwtContext({ scope: 'aws.cognito.signin.user.admin openid' }).scopes).toEqual([
      'aws.cognito.signin.user.admin',
      'openid',
    ]);
    expect(jwtContext({ token_use: 'id', 'cognito:groups': ['moderators'] })).toEqual({
      claims: { token_use: 'id', 'cognito:groups': '[moderators]' },
      scopes: null,
    });
  });
});

describe('headersOf', () => {
  it('lower-cases names and joins repeated headers with a comma', () => {
    expect(headersOf(['Content-Type', 'a/b', 'X-A', '1', 'x-a', '2'])).toEqual({
      'content-type': 'a/b',
      'x-a': '1,2',
    });
  });
});

describe('isTextContentType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['text/plain;charset=UTF-8', true],
    ['application/problem+json', true],
    ['application/xml', true],
    ['image/jpeg', false],
    ['application/octet-stream', false],
    ['multipart/form-data; boundary=x', false],
    [undefined, false],
  ])('%s is text: %s', (type, text) => {
    expect(isTextContentType(type)).toBe(text);
  });
});

describe('formatRequestTime', () => {
  it('prints the requestContext.time format', () => {
    expect(formatRequestTime(Date.UTC(2020, 2, 12, 19, 3, 58))).toBe('12/Mar/2020:19:03:58 +0000');
  });
});

describe('buildHttpEvent', () => {
  it('builds a payload format 2.0 event with the JWT claims', () => {
    const jwt = jwtContext({ sub: 'u-1', 'cognito:groups': ['moderators'] });

    const event = buildHttpEvent(request(), match, jwt, meta);

    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /images/{id}',
      rawPath: '/images/abc',
      rawQueryString: 'limit=2&tag=a&tag=b&q=a%20b',
      headers: { host: '127.0.0.1:4580', 'user-agent': 'curl/8', 'x-many': '1,2' },
      queryStringParameters: { limit: '2', tag: 'a,b', q: 'a b' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'local',
        authorizer: { jwt: { claims: { sub: 'u-1', 'cognito:groups': '[moderators]' }, scopes: null } },
        domainName: '127.0.0.1',
        domainPrefix: '127',
        http: {
          method: 'GET',
          path: '/images/abc',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'curl/8',
        },
        requestId: 'JKJaXmPLvHcESHA=',
        routeKey: 'GET /images/{id}',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: 1_584_039_838_000,
      },
      pathParameters: { id: 'abc' },
      isBase64Encoded: false,
    });
  });
});

describe('buildHttpEvent: cookies, bodies and what a request lacks', () => {
  it('moves the Cookie header into cookies', () => {
    const event = buildHttpEvent(
      request({ rawHeaders: ['Cookie', 'a=1; b=2', 'Host', 'h'] }),
      match,
      undefined,
      meta,
    );

    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers).toEqual({ host: 'h' });
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('passes a JSON body as text and an image body base64-encoded', () => {
    const json = buildHttpEvent(
      request({
        method: 'POST',
        rawHeaders: ['Content-Type', 'application/json'],
        body: Buffer.from('{"a":1}'),
      }),
      match,
      undefined,
      meta,
    );
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00]);
    const image = buildHttpEvent(
      request({ method: 'POST', rawHeaders: ['Content-Type', 'image/jpeg'], body: bytes }),
      match,
      undefined,
      meta,
    );

    expect(json).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    expect(image).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
  });

  it('leaves out what the request does not have: query, path parameters, body', () => {
    const event = buildHttpEvent(
      request({ url: '/images' }),
      { ...match, pathParameters: undefined },
      undefined,
      meta,
    );

    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('cookies');
  });
});
