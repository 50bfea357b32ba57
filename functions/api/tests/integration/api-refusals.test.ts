import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INVOKE_PAYLOAD_BYTES } from '../../../../scripts/local/gateway/api-gateway.ts';
import type { ApiCall } from '../../../../tests/support/api.ts';
import {
  expectError,
  type LocalApi,
  MAX_DIRECT_UPLOAD_BYTES,
  MAX_UPLOAD_BYTES,
  startLocalApi,
  type Who,
} from './api-harness.ts';

let api: LocalApi;
let call: ApiCall;
let alice: Who;
let bob: Who;
let moderator: Who;

beforeAll(async () => {
  api = await startLocalApi();
  ({ call, alice, bob, moderator } = api);
});
afterAll(() => api?.stop());

describe('the HTTP API: requests it refuses: malformed or unsupported', () => {
  it('answers 400 to a body that is not JSON', async () => {
    const response = await call('POST', '/uploads', {
      token: alice.token,
      body: '{"filename": ',
      headers: { 'content-type': 'application/json' },
    });

    expectError(response, 400, 'Request::Malformed');
  });

  it('answers 400 naming the missing field', async () => {
    const response = await call('POST', '/uploads', {
      token: alice.token,
      json: { filename: 'a.jpg', bytes: 10 },
    });

    expectError(response, 400, 'Request::Malformed');
    expect(response.body.error.message).toContain('contentType');
  });

  it('answers 400 to a cursor it never issued, and to an edit without fields', async () => {
    expectError(
      await call('GET', '/images?cursor=bm90LWEtY3Vyc29y', { token: alice.token }),
      400,
      'Request::Malformed',
    );
    expectError(await call('GET', '/images?limit=0', { token: alice.token }), 400, 'Request::Malformed');
    expectError(
      await call('PATCH', `/images/${randomUUID()}`, { token: alice.token, json: {} }),
      400,
      'Request::Malformed',
    );
  });

  it('answers 415 and 413 to upload URLs for a type or size it does not take', async () => {
    const pdf = await call('POST', '/uploads', {
      token: alice.token,
      json: { filename: 'a.pdf', contentType: 'application/pdf', bytes: 100 },
    });
    const huge = await call('POST', '/uploads', {
      token: alice.token,
      json: { filename: 'a.jpg', contentType: 'image/jpeg', bytes: MAX_UPLOAD_BYTES + 1 },
    });

    expectError(pdf, 415, 'Image::UnsupportedType');
    expectError(huge, 413, 'Image::TooLarge');
  });

  it('answers 415 to a direct upload of a type it does not take', async () => {
    const response = await call('POST', '/images', {
      token: alice.token,
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
    });

    expectError(response, 415, 'Image::UnsupportedType');
  });
});

describe('the HTTP API: requests it refuses: too large, not found, forbidden', () => {
  it("keeps MAX_DIRECT_UPLOAD_BYTES within Lambda's invoke limit once base64-encoded", () => {
    // API Gateway passes binary bodies base64-encoded (4/3 larger) and Lambda refuses events over
    // 6 MiB; past that, the gateway answers 413 before the function can say Image::TooLarge.
    const encoded = Math.ceil(MAX_DIRECT_UPLOAD_BYTES / 3) * 4;

    expect(encoded + 16 * 1024).toBeLessThanOrEqual(MAX_INVOKE_PAYLOAD_BYTES);
  });

  it('answers 413 to a direct upload over MAX_DIRECT_UPLOAD_BYTES', async () => {
    const response = await call('POST', '/images', {
      token: alice.token,
      body: Buffer.alloc(MAX_DIRECT_UPLOAD_BYTES + 1, 0xff),
      headers: { 'content-type': 'image/jpeg' },
    });

    expectError(response, 413, 'Image::TooLarge');
  });

  it('answers 404 Image::NotFound for an id that does not exist, on every image route', async () => {
    const id = randomUUID();
    const token = alice.token;

    expectError(await call('GET', `/images/${id}`, { token }), 404, 'Image::NotFound');
    expectError(
      await call('PATCH', `/images/${id}`, { token, json: { caption: 'x' } }),
      404,
      'Image::NotFound',
    );
    expectError(await call('DELETE', `/images/${id}`, { token }), 404, 'Image::NotFound');
    expectError(await call('GET', `/images/${id}/original`, { token }), 404, 'Image::NotFound');
    expectError(await call('GET', `/images/${id}/thumbnail`, { token }), 404, 'Image::NotFound');
    expectError(
      await call('POST', `/images/${id}/review`, {
        token: moderator.token,
        json: { decision: 'APPROVED' },
      }),
      404,
      'Image::NotFound',
    );
  });

  it("answers 403 to a non-moderator listing another user's images", async () => {
    const response = await call('GET', `/images?owner=${encodeURIComponent(bob.sub)}`, {
      token: alice.token,
    });

    expectError(response, 403, 'Auth::Forbidden');
  });
});
