import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerToken, createCognitoAuthorizer, type JwtAuthorizer } from '../../gateway/jwt-authorizer.ts';
import { startFakeCognito } from './fake-cognito.ts';

const POOL = 'us-east-1_TestPool';
const CLIENT = 'test-client';

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer  abc ', 'abc'],
    ['abc', 'abc'],
    ['Bearer ', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('createCognitoAuthorizer', () => {
  let cognito: Awaited<ReturnType<typeof startFakeCognito>>;
  let authorizer: JwtAuthorizer;
  beforeAll(async () => {
    cognito = await startFakeCognito(POOL, CLIENT);
    authorizer = await createCognitoAuthorizer({
      endpoint: cognito.endpoint,
      userPoolId: POOL,
      clientId: CLIENT,
    });
  });
  afterAll(async () => {
    await cognito?.stop();
  });

  it('accepts ID and access tokens of the pool and app client', async () => {
    const id = await authorizer.authorize(`Bearer ${cognito.token()}`);
    const access = await authorizer.authorize(`Bearer ${cognito.token({ token_use: 'access' })}`);

    expect(id).toMatchObject({ ok: true, payload: { sub: 'user-a', token_use: 'id' } });
    expect(access).toMatchObject({ ok: true, payload: { token_use: 'access', client_id: CLIENT } });
  });

  it.each([
    ['another app client', { aud: 'other-client' }],
    ['another pool', { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' }],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 60 }],
    ['a token not valid yet', { nbf: Math.floor(Date.now() / 1000) + 600 }],
  ])('refuses %s', async (_case, claims) => {
    const verdict = await authorizer.authorize(`Bearer ${cognito.token(claims)}`);

    expect(verdict).toMatchObject({ ok: false, wwwAuthenticate: expect.stringContaining('invalid_token') });
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = cognito.token().split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'someone-else' })).toString('base64url');

    expect(await authorizer.authorize(`Bearer ${header}.${forged}.${signature}`)).toMatchObject({
      ok: false,
    });
  });

  it('refuses a request without a token', async () => {
    expect(await authorizer.authorize(undefined)).toEqual({
      ok: false,
      reason: 'no token',
      wwwAuthenticate: 'Bearer',
    });
  });

  it('fails to start when the JWKS cannot be read', async () => {
    await expect(
      createCognitoAuthorizer({
        endpoint: cognito.endpoint,
        userPoolId: 'us-east-1_Missing',
        clientId: CLIENT,
      }),
    ).rejects.toThrow(/JWT authorizer: GET .*us-east-1_Missing.* HTTP 404/);
  });
});
