import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CloudFrontClient,
  GetInvalidationCommand,
  ListInvalidationsCommand,
} from '@aws-sdk/client-cloudfront';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ApiGateway, startApiGateway } from '../../scripts/local/gateway/api-gateway.ts';
import { createUser, MODERATORS_GROUP, signIn } from '../../scripts/local/gateway/cognito.ts';
import { type Runtime, startRuntime } from '../../scripts/local/lambda/runtime.ts';
import { s3RenditionSource } from '../../scripts/local/web/renditions-source.ts';
import { serveWeb, type WebServer, webConfigFromOutputs } from '../../scripts/local/web/web-server.ts';
import { type ApiCall, apiClient, postToPresignedUrl } from '../support/api.ts';
import { LOCAL_CREDENTIALS, testClients } from '../support/aws.ts';
import { makeJpeg } from '../support/fixtures.ts';
import { listRenditionKeys, waitForStatus } from '../support/pipeline.ts';
import { waitFor } from '../support/wait.ts';

const stack = inject('stack');
const endpoint = inject('endpoint');
const clients = testClients(endpoint);
const cloudfront = new CloudFrontClient({ endpoint, region: stack.region, credentials: LOCAL_CREDENTIALS });
// The renditions distribution envs/local creates with the cdn module (moto records its invalidations).
const distributionId = stack.functions.delete?.environment?.RENDITIONS_DISTRIBUTION_ID ?? '';

/** Every path of every invalidation made on the renditions distribution so far. */
async function invalidatedPaths(): Promise<string[]> {
  const list = await cloudfront.send(new ListInvalidationsCommand({ DistributionId: distributionId }));
  const ids = (list.InvalidationList?.Items ?? []).map((item) => item.Id ?? '');
  const details = await Promise.all(
    ids.map((Id) => cloudfront.send(new GetInvalidationCommand({ DistributionId: distributionId, Id }))),
  );
  return details.flatMap((d) => d.Invalidation?.InvalidationBatch?.Paths?.Items ?? []);
}

/** The HTTP status of a GET of `url`. */
async function statusOf(url: string): Promise<number> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.status;
}

/** Polls `url` until it answers `status`, saying what it answered last. */
function waitForHttp(url: string, status: number, timeoutMs = 60_000) {
  return waitFor(
    `${url} to answer ${status}`,
    async () => {
      const got = await statusOf(url);
      if (got === status) return got;
      throw new Error(`answered ${got}`);
    },
    { timeoutMs, intervalMs: 50 },
  );
}

let runtime: Runtime;
let gateway: ApiGateway;
let web: WebServer;
let call: ApiCall;
let owner: string;
let moderator: string;
let workDir: string;

beforeAll(async () => {
  expect(distributionId, 'envs/local creates the renditions distribution').not.toBe('');
  runtime = await startRuntime({ outputs: stack, endpoint });
  gateway = await startApiGateway({ outputs: stack, endpoint, port: inject('apiPort') });
  call = apiClient(gateway.url);
  // The rendition URLs the API hands out point here (RENDITIONS_BASE_URL = <web_url>/renditions).
  workDir = await mkdtemp(path.join(tmpdir(), 'delivery-e2e-'));
  await writeFile(path.join(workDir, 'index.html'), '<!doctype html><title>delivery</title>');
  web = await serveWeb({
    dir: workDir,
    port: Number(new URL(stack.web_url ?? '').port),
    config: webConfigFromOutputs(stack, { apiUrl: gateway.url, cognitoEndpoint: endpoint }),
    renditions: s3RenditionSource({
      endpoint,
      region: stack.region,
      bucket: stack.renditions_bucket,
      imagesTable: stack.images_table,
    }),
  });
  const token = async (user: { email: string; password: string }) =>
    (await signIn(stack, endpoint, user.email, user.password)).idToken;
  owner = await token(await createUser(stack, endpoint));
  moderator = await token(await createUser(stack, endpoint, { groups: [MODERATORS_GROUP] }));
});

afterAll(async () => {
  await web?.stop();
  await gateway?.stop();
  await runtime?.stop();
});

/** Uploads a generated photo through the API, waits for PROCESSED, returns its id and thumb URL. */
async function processedImage(): Promise<{ imageId: string; url: string }> {
  const bytes = await makeJpeg(800, 600);
  const created = await call('POST', '/uploads', {
    token: owner,
    json: { filename: 'photo.jpg', contentType: 'image/jpeg', bytes: bytes.length },
  });
  expect(created.status, created.text).toBe(201);
  const posted = await postToPresignedUrl(created.body.upload, bytes, 'photo.jpg', 'image/jpeg');
  expect(posted.ok, await posted.text()).toBe(true);
  const imageId = created.body.imageId as string;
  await waitForStatus(clients, stack, imageId, 'PROCESSED', 60_000);
  const view = await call('GET', `/images/${imageId}`, { token: owner });
  const thumb = (view.body.renditions as Array<{ name: string; format: string; url: string }>).find(
    (r) => r.name === 'thumb' && r.format === 'jpeg',
  );
  expect(thumb?.url, view.text).toMatch(/\/renditions\//);
  return { imageId, url: thumb?.url as string };
}

describe('delivery: deleted and moderator-rejected images stop being served (local CDN stand-in, moto CloudFront)', () => {
  it('answers 404 for a deleted image right after DELETE returns, and purges /<imageId>/* from the CDN', async () => {
    const { imageId, url } = await processedImage();
    expect(await statusOf(url)).toBe(200);

    const started = performance.now();
    const deleted = await call('DELETE', `/images/${imageId}`, { token: owner });
    expect(deleted.status, deleted.text).toBe(202);
    const answered = performance.now();
    // Dark as soon as the API has answered (the original is gone), before the delete function runs.
    await waitForHttp(url, 404);
    const dark = performance.now();
    console.log(
      `DELETE /images/${imageId} -> rendition URL 404 in ${Math.round(dark - started)} ms ` +
        `(${Math.round(dark - answered)} ms after the API answered)`,
    );

    await waitForStatus(clients, stack, imageId, 'DELETED', 60_000);
    await waitFor('the delete function to invalidate the image', async () =>
      (await invalidatedPaths()).includes(`/${imageId}/*`) ? true : undefined,
    );
    await waitFor('the renditions to be removed', async () =>
      (await listRenditionKeys(clients, stack, imageId)).length === 0 ? true : undefined,
    );
  });

  it('takes a rejected image off delivery, shows the owner why, and serves it again once approved', {
    timeout: 180_000,
  }, async () => {
    const { imageId, url } = await processedImage();
    expect(await statusOf(url)).toBe(200);

    const rejected = await call('POST', `/images/${imageId}/review`, {
      token: moderator,
      json: { decision: 'REJECTED', reason: 'Not suitable for the gallery' },
    });
    expect(rejected.status, rejected.text).toBe(200);
    // The review is recorded before the API answers: the URL is dark at once.
    expect(await statusOf(url)).toBe(404);

    const ownerView = await call('GET', `/images/${imageId}`, { token: owner });
    expect(ownerView.status, ownerView.text).toBe(200);
    expect(ownerView.body).toMatchObject({
      imageId,
      status: 'PROCESSED',
      review: { decision: 'REJECTED', reason: 'Not suitable for the gallery' },
    });
    // The moderation function removes the renditions and purges the CDN.
    await waitFor('the rejection to invalidate the image', async () =>
      (await invalidatedPaths()).includes(`/${imageId}/*`) ? true : undefined,
    );
    await waitFor('the rejected renditions to be removed', async () =>
      (await listRenditionKeys(clients, stack, imageId)).length === 0 ? true : undefined,
    );

    const approved = await call('POST', `/images/${imageId}/review`, {
      token: moderator,
      json: { decision: 'APPROVED' },
    });
    expect(approved.status, approved.text).toBe(200);
    // Resize renders again from the original, under the same keys.
    await waitForHttp(url, 200, 90_000);
    await waitFor('all 10 renditions to be back', async () =>
      (await listRenditionKeys(clients, stack, imageId)).length === 10 ? true : undefined,
    );
  });
});
