import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient, queryString } from '../../src/api/client.ts';
import { ApiError, apiErrorFrom, NetworkError } from '../../src/api/errors.ts';

afterEach(() => vi.unstubAllGlobals());

function client(onUnauthorized = vi.fn()) {
  return new ApiClient({ baseUrl: 'http://api', token: () => 'tok', onUnauthorized });
}

describe('queryString', () => {
  it('keeps only defined, non-empty values', () => {
    expect(queryString({ status: 'PROCESSED', cursor: undefined, limit: 24, owner: '' })).toBe(
      '?status=PROCESSED&limit=24',
    );
    expect(queryString({})).toBe('');
  });
});

describe('apiErrorFrom', () => {
  it("keeps the API's code and message", () => {
    const error = apiErrorFrom(415, {
      error: { code: 'Image::UnsupportedType', message: 'contentType: no' },
    });
    expect(error).toMatchObject({ status: 415, code: 'Image::UnsupportedType', message: 'contentType: no' });
  });

  it('falls back to a sentence per status when the body says nothing', () => {
    expect(apiErrorFrom(413, undefined).message).toBe('The file is too large.');
    expect(apiErrorFrom(418, 'teapot').message).toBe('Request failed (HTTP 418).');
  });
});

describe('ApiClient', () => {
  it('sends the bearer token and a JSON body', async () => {
    const fetch = vi.fn(async () => Response.json({ imageId: 'i' }, { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    await client().updateImage('a/b', { caption: 'hi' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://api/images/a%2Fb');
    expect(init.method).toBe('PATCH');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok', 'Content-Type': 'application/json' });
    expect(init.body).toBe('{"caption":"hi"}');
  });

  it('calls onUnauthorized on a 401 and rejects with the ApiError', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json({ error: { code: 'Auth::Unauthorized', message: 'no' } }, { status: 401 }),
    );
    const onUnauthorized = vi.fn();
    await expect(client(onUnauthorized).getImage('x')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('rejects with a NetworkError when there is no answer', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(client().listImages()).rejects.toBeInstanceOf(NetworkError);
  });

  it('sends a review reason only with it', async () => {
    const fetch = vi.fn(async () => Response.json({}));
    vi.stubGlobal('fetch', fetch);
    await client().reviewImage('i', 'APPROVED');
    await client().reviewImage('i', 'REJECTED', 'blurry');
    const bodies = fetch.mock.calls.map((call) =>
      JSON.parse((call as unknown as [string, RequestInit])[1].body as string),
    );
    expect(bodies).toEqual([{ decision: 'APPROVED' }, { decision: 'REJECTED', reason: 'blurry' }]);
  });

  it('returns the presigned URL of the original when the API answers JSON', async () => {
    const fetch = vi.fn(async () => Response.json({ url: 'https://s3/original?sig' }));
    vi.stubGlobal('fetch', fetch);
    await expect(client().originalDownload('i')).resolves.toEqual({ url: 'https://s3/original?sig' });
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).toMatchObject({ Accept: 'application/json' });
  });

  it('returns the bytes when the browser followed the redirect to storage', async () => {
    vi.stubGlobal(
      'fetch',
      async () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/jpeg' } }),
    );
    const result = await client().originalDownload('i');
    expect('blob' in result && result.blob.size).toBe(3);
  });
});
