import { randomUUID } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DEFAULT_MAX_UPLOAD_BYTES } from '@pipeline/domain';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type ApiGateway,
  MAX_INVOKE_PAYLOAD_BYTES,
  startApiGateway,
} from '../../../../scripts/local/gateway/api-gateway.ts';
import {
  createUser,
  type LocalUser,
  MODERATORS_GROUP,
  signIn,
} from '../../../../scripts/local/gateway/cognito.ts';
import { type Runtime, startRuntime } from '../../../../scripts/local/lambda/runtime.ts';
import {
  type ApiCall,
  type ApiResponse,
  apiClient,
  decodePostPolicy,
  download,
  postToPresignedUrl,
} from '../../../../tests/support/api.ts';
import { motoStack } from '../../../../tests/support/aws.ts';
import { makeJpeg } from '../../../../tests/support/fixtures.ts';
import { listRenditionKeys, waitForStatus } from '../../../../tests/support/pipeline.ts';
import { waitFor } from '../../../../tests/support/wait.ts';
import { DEFAULT_MAX_DIRECT_UPLOAD_BYTES } from '../../src/config.ts';

const { stack, endpoint, clients } = motoStack();
const apiEnv = stack.functions.api?.environment ?? {};
// What the deployed function runs with: its environment, else the code's defaults.
const MAX_UPLOAD_BYTES = Number(apiEnv.MAX_UPLOAD_BYTES ?? DEFAULT_MAX_UPLOAD_BYTES);
const MAX_DIRECT_UPLOAD_BYTES = Number(apiEnv.MAX_DIRECT_UPLOAD_BYTES ?? DEFAULT_MAX_DIRECT_UPLOAD_BYTES);

type Who = LocalUser & { token: string };

/**
 * The bytes behind a rendition URL, read from the renditions bucket. The URL
 * is RENDITIONS_BASE_URL + key: CloudFront on AWS; locally, whatever serves
 * the bucket, which this test does not depend on.
 */
async function renditionAt(url: string): Promise<Buffer> {
  const base = `${stack.renditions_base_url ?? apiEnv.RENDITIONS_BASE_URL}/`;
  expect(url.startsWith(base), `${url} is under ${base}`).toBe(true);
  const key = url.slice(base.length).split('/').map(decodeURIComponent).join('/');
  const { Body } = await clients.s3.send(new GetObjectCommand({ Bucket: stack.renditions_bucket, Key: key }));
  return Buffer.from(await (Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

/** The ImageView of `imageId` once its status is `status`, read through the API. */
function waitForView(call: ApiCall, who: Who, imageId: string, status: string, timeoutMs = 60_000) {
  return waitFor(
    `GET /images/${imageId} to say ${status}`,
    async () => {
      const { status: http, body } = await call('GET', `/images/${imageId}`, { token: who.token });
      if (http === 200 && body.status === status) return body;
      throw new Error(`HTTP ${http}, ${body?.status ?? JSON.stringify(body)}`);
    },
    { timeoutMs },
  );
}

function expectError(response: ApiResponse, status: number, code: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.body?.error?.code, response.text).toBe(code);
}

describe('the HTTP API (local API gateway + Cognito JWT + the pipeline, against moto)', () => {
  let gateway: ApiGateway;
  let runtime: Runtime;
  let call: ApiCall;
  let alice: Who;
  let bob: Who;
  let moderator: Who;

  beforeAll(async () => {
    runtime = await startRuntime({ outputs: stack, endpoint });
    gateway = await startApiGateway({ outputs: stack, endpoint, port: inject('apiPort') });
    call = apiClient(gateway.url);
    const signedIn = async (user: LocalUser): Promise<Who> => ({
      ...user,
      token: (await signIn(stack, endpoint, user.email, user.password)).idToken,
    });
    alice = await signedIn(await createUser(stack, endpoint));
    bob = await signedIn(await createUser(stack, endpoint));
    moderator = await signedIn(await createUser(stack, endpoint, { groups: [MODERATORS_GROUP] }));
  });
  afterAll(async () => {
    await gateway?.stop();
    await runtime?.stop();
  });

  it('serves at the api_url the suite announces', () => {
    expect(gateway.url).toBe(stack.api_url);
  });

  describe('the JWT authorizer', () => {
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

  describe('CORS', () => {
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

  describe('requests it refuses', () => {
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

  describe('one image from upload URL to deletion', () => {
    let jpeg: Buffer;
    let imageId: string;
    let secondId: string;

    beforeAll(async () => {
      jpeg = await makeJpeg(1200, 800);
    });

    it('issues a presigned POST pinned to the key, the type and the size range', async () => {
      const response = await call('POST', '/uploads', {
        token: alice.token,
        json: { filename: 'holiday.jpg', contentType: 'image/jpeg', bytes: jpeg.length },
      });

      expect(response.status, response.text).toBe(201);
      const { imageId: id, key, upload, expiresAt } = response.body;
      expect(key).toMatch(new RegExp(`^uploads/${alice.sub}/${id}\\.jpe?g$`));
      expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(240_000);
      expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
      // moto does not enforce presigned POST policies (it stores whatever is posted), so the
      // policy itself is what this test checks; S3 enforces it on AWS.
      const policy = decodePostPolicy(upload.fields);
      expect(policy.conditions).toEqual(
        expect.arrayContaining([
          ['eq', '$key', key],
          ['eq', '$Content-Type', 'image/jpeg'],
          ['content-length-range', 1, MAX_UPLOAD_BYTES],
        ]),
      );
      expect(Math.abs(Date.parse(policy.expiration) - Date.parse(expiresAt))).toBeLessThan(5_000);

      const posted = await postToPresignedUrl(upload, jpeg, 'holiday.jpg', 'image/jpeg');
      expect(posted.ok, `${posted.status} ${await posted.text()}`).toBe(true);
      imageId = id;
    });

    it('shows the image PROCESSED with 8 renditions and a srcset', async () => {
      const view = await waitForView(call, alice, imageId, 'PROCESSED');

      expect(view).toMatchObject({ imageId, owner: alice.sub, width: 1200, height: 800, format: 'jpeg' });
      expect(view.renditions).toHaveLength(8);
      expect(view.srcset.jpeg).toMatch(/ 150w, .* 480w/);
      expect(view.srcset.webp).toMatch(/ 150w, .* 480w/);
      const thumb = view.renditions.find((r: { name: string; format: string }) => r.name === 'thumb');
      expect((await sharp(await renditionAt(thumb.url)).metadata()).width).toBe(150);
    });

    it('lists images newest first and pages with the cursor', async () => {
      const direct = await call('POST', '/images', {
        token: alice.token,
        body: await makeJpeg(640, 480),
        headers: { 'content-type': 'image/jpeg' },
      });
      expect(direct.status, direct.text).toBe(202);
      expect(direct.body).toMatchObject({ status: 'UPLOADED' });
      secondId = direct.body.imageId;
      await waitForView(call, alice, secondId, 'PROCESSED');

      const first = await call('GET', '/images?limit=1', { token: alice.token });
      const second = await call(
        'GET',
        `/images?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
        {
          token: alice.token,
        },
      );

      expect(first.body.items.map((i: { imageId: string }) => i.imageId)).toEqual([secondId]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      expect(second.body.items.map((i: { imageId: string }) => i.imageId)).toEqual([imageId]);
    });

    it('lets the owner edit caption, date and photographer', async () => {
      const edit = { caption: 'Elephants at dusk', takenAt: '2024-05-06', photographer: 'Alice' };

      const response = await call('PATCH', `/images/${imageId}`, { token: alice.token, json: edit });

      expect(response.status, response.text).toBe(200);
      expect(response.body).toMatchObject(edit);
      expect((await call('GET', `/images/${imageId}`, { token: alice.token })).body).toMatchObject(edit);
    });

    it('lets only a moderator review it', async () => {
      const byOwner = await call('POST', `/images/${imageId}/review`, {
        token: alice.token,
        json: { decision: 'APPROVED' },
      });
      const noReason = await call('POST', `/images/${imageId}/review`, {
        token: moderator.token,
        json: { decision: 'REJECTED' },
      });
      const review = await call('POST', `/images/${imageId}/review`, {
        token: moderator.token,
        json: { decision: 'APPROVED' },
      });

      expectError(byOwner, 403, 'Auth::Forbidden');
      expectError(noReason, 400, 'Request::Malformed');
      expect(review.status, review.text).toBe(200);
      expect(review.body.review).toMatchObject({ decision: 'APPROVED', reviewer: moderator.sub });
    });

    it("lets a moderator list one user's images and everyone's in a status", async () => {
      const byOwner = await call('GET', `/images?owner=${encodeURIComponent(alice.sub)}`, {
        token: moderator.token,
      });
      const processed = await call('GET', '/images?status=PROCESSED&limit=100', { token: moderator.token });

      expect(byOwner.status, byOwner.text).toBe(200);
      expect(processed.status, processed.text).toBe(200);
      expect(byOwner.body.items.map((i: { imageId: string }) => i.imageId)).toEqual([secondId, imageId]);
      expect(processed.body.items.map((i: { imageId: string }) => i.imageId)).toContain(imageId);
    });

    it('redirects to the original, which downloads the bytes uploaded', async () => {
      const response = await call('GET', `/images/${imageId}/original`, { token: alice.token });

      expect(response.status).toBe(302);
      const { bytes } = await download(response.headers.get('location') as string);
      expect(bytes.equals(jpeg)).toBe(true);
    });

    it('redirects to the thumbnail', async () => {
      const response = await call('GET', `/images/${imageId}/thumbnail`, { token: alice.token });

      expect(response.status).toBe(302);
      const thumbnail = await renditionAt(response.headers.get('location') as string);
      expect(await sharp(thumbnail).metadata()).toMatchObject({ format: 'jpeg', width: 150 });
    });

    it('gives another user nothing of the image: 404 on every route, no data in the body', async () => {
      const token = bob.token;
      const answers = [
        await call('GET', `/images/${imageId}`, { token }),
        await call('PATCH', `/images/${imageId}`, { token, json: { caption: 'mine now' } }),
        await call('DELETE', `/images/${imageId}`, { token }),
        await call('POST', `/images/${imageId}/review`, { token, json: { decision: 'APPROVED' } }),
        await call('GET', `/images/${imageId}/original`, { token }),
        await call('GET', `/images/${imageId}/thumbnail`, { token }),
      ];
      const list = await call('GET', '/images', { token });

      for (const answer of answers) {
        expectError(answer, 404, 'Image::NotFound');
        expect(answer.text).not.toContain(alice.sub);
        expect(answer.text).not.toContain('Elephants');
        expect(answer.headers.get('location')).toBeNull();
      }
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
      expect((await call('GET', `/images/${imageId}`, { token: alice.token })).body.caption).toBe(
        'Elephants at dusk',
      );
    });

    it('deletes it: 202, then the pipeline marks it DELETED and removes its renditions', async () => {
      const response = await call('DELETE', `/images/${imageId}`, { token: alice.token });

      expect(response.status, response.text).toBe(202);
      expect(response.body).toEqual({ imageId, status: 'DELETING' });
      await waitForView(call, alice, imageId, 'DELETED');
      await waitFor('the renditions to be removed', async () => {
        const keys = await listRenditionKeys(clients, stack, imageId);
        if (keys.length === 0) return true;
        throw new Error(`${keys.length} left`);
      });
      expectError(
        await call('POST', `/images/${imageId}/review`, {
          token: moderator.token,
          json: { decision: 'APPROVED' },
        }),
        409,
        'Image::Conflict',
      );
    });

    it('answers 404 Image::NotReady for the thumbnail of an image that never got renditions', async () => {
      const direct = await call('POST', '/images', {
        token: alice.token,
        body: Buffer.from('not a photo at all'),
        headers: { 'content-type': 'image/jpeg' },
      });
      await waitForStatus(clients, stack, direct.body.imageId, 'REJECTED');

      const response = await call('GET', `/images/${direct.body.imageId}/thumbnail`, { token: alice.token });

      expectError(response, 404, 'Image::NotReady');
    });
  });
});
