import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCall,
  decodePostPolicy,
  download,
  postToPresignedUrl,
} from '../../../../tests/support/api.ts';
import { makeJpeg } from '../../../../tests/support/fixtures.ts';
import { listRenditionKeys, waitForStatus } from '../../../../tests/support/pipeline.ts';
import { waitFor } from '../../../../tests/support/wait.ts';
import {
  clients,
  expectError,
  type LocalApi,
  MAX_UPLOAD_BYTES,
  renditionAt,
  stack,
  startLocalApi,
  type Who,
  waitForView,
} from './api-harness.ts';

// One image from upload URL to deletion: each describe picks up where the one before it stopped.
let api: LocalApi;
let call: ApiCall;
let alice: Who;
let bob: Who;
let moderator: Who;
let jpeg: Buffer;
let imageId: string;
let secondId: string;

beforeAll(async () => {
  api = await startLocalApi();
  ({ call, alice, bob, moderator } = api);
  jpeg = await makeJpeg(1200, 800);
});
afterAll(() => api?.stop());

describe('one image from upload URL to deletion: upload, processing, listing', () => {
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

  it("shows the image PROCESSED with the default profile's 10 renditions and a srcset", async () => {
    const view = await waitForView(call, alice, imageId, 'PROCESSED');

    expect(view).toMatchObject({ imageId, owner: alice.sub, width: 1200, height: 800, format: 'jpeg' });
    expect(view.renditions).toHaveLength(10);
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
    const second = await call('GET', `/images?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, {
      token: alice.token,
    });

    expect(first.body.items.map((i: { imageId: string }) => i.imageId)).toEqual([secondId]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(second.body.items.map((i: { imageId: string }) => i.imageId)).toEqual([imageId]);
  });
});

describe('one image from upload URL to deletion: editing, review, moderator listing', () => {
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
});

describe('one image from upload URL to deletion: downloads, and nothing for anyone else', () => {
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
});

describe('one image from upload URL to deletion: deletion, and an image that never got renditions', () => {
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
