import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CognitoError,
  cognitoErrorFrom,
  cognitoRequest,
  initiateAuth,
  parseAuthResponse,
} from '../../src/auth/cognito.ts';

afterEach(() => vi.unstubAllGlobals());

describe('cognitoRequest', () => {
  it('speaks the JSON 1.1 protocol with the action in X-Amz-Target', () => {
    const init = cognitoRequest('InitiateAuth', { a: 1 });
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    });
    expect(init.body).toBe('{"a":1}');
  });
});

describe('parseAuthResponse', () => {
  it('returns tokens', () => {
    expect(
      parseAuthResponse({ AuthenticationResult: { IdToken: 'id', AccessToken: 'ac', ExpiresIn: 60 } }),
    ).toEqual({ tokens: { idToken: 'id', accessToken: 'ac', expiresIn: 60 } });
  });

  it('returns a challenge', () => {
    expect(parseAuthResponse({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' })).toEqual({
      challenge: 'NEW_PASSWORD_REQUIRED',
      session: 's',
    });
  });

  it('refuses a body with neither', () => {
    expect(() => parseAuthResponse({})).toThrow(CognitoError);
  });
});

describe('cognitoErrorFrom', () => {
  it('turns a wrong password into a message that does not say which part was wrong', () => {
    const error = cognitoErrorFrom(400, {
      __type: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Incorrect email or password.');
    expect(cognitoErrorFrom(400, { __type: 'UserNotFoundException' }).message).toBe(error.message);
  });

  it('strips a namespaced __type and keeps unknown messages', () => {
    const error = cognitoErrorFrom(400, {
      __type: 'com.amazonaws#LimitExceededException',
      message: 'Slow down',
    });
    expect(error.code).toBe('LimitExceededException');
    expect(error.message).toBe('Slow down');
  });
});

describe('initiateAuth', () => {
  it('posts USER_PASSWORD_AUTH to the endpoint and returns the tokens', async () => {
    const fetch = vi.fn(async () =>
      Response.json({ AuthenticationResult: { IdToken: 'id', AccessToken: 'ac', ExpiresIn: 3600 } }),
    );
    vi.stubGlobal('fetch', fetch);
    const result = await initiateAuth('http://cognito', 'client', 'a@b.c', 'pw');
    expect(result).toEqual({ tokens: { idToken: 'id', accessToken: 'ac', expiresIn: 3600 } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://cognito');
    expect(JSON.parse(init.body as string)).toEqual({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'client',
      AuthParameters: { USERNAME: 'a@b.c', PASSWORD: 'pw' },
    });
  });

  it('rejects with a CognitoError on an error answer and on a network failure', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ __type: 'NotAuthorizedException' }, { status: 400 }));
    await expect(initiateAuth('http://c', 'id', 'a', 'b')).rejects.toMatchObject({
      code: 'NotAuthorizedException',
    });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(initiateAuth('http://c', 'id', 'a', 'b')).rejects.toMatchObject({ code: 'NetworkError' });
  });
});
