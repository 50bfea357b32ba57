import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ApiGateway, startApiGateway } from '../../scripts/local/gateway/api-gateway.ts';
import { createUser, type LocalUser, signIn } from '../../scripts/local/gateway/cognito.ts';
import { type Runtime, startRuntime } from '../../scripts/local/lambda/runtime.ts';
import { REPO_ROOT, recordedTools } from '../../scripts/local/tools.ts';
import { s3RenditionSource } from '../../scripts/local/web/renditions-source.ts';
import { serveWeb, type WebServer, webConfigFromOutputs } from '../../scripts/local/web/web-server.ts';
import { apiClient, postToPresignedUrl } from '../support/api.ts';
import { testClients } from '../support/aws.ts';
import { waitForStatus } from '../support/pipeline.ts';
import { expectThumbHashPainted, featureShot, holdRenditions, placeholderOf } from './web-features-page.ts';
import { expectImagesLoaded, makeLandscapeJpeg, signInWithKeyboard } from './web-page.ts';

// Issue 15 in the browser: placeholders while images load, the near-duplicate note, the rejected
// card, and one name for an image in the gallery and the detail view.
const stack = inject('stack');
const endpoint = inject('endpoint');
const clients = testClients(endpoint);
const CHROMIUM = process.env.CHROMIUM || recordedTools().CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const WEB_ORIGIN = new URL(stack.web_url ?? `http://localhost:${process.env.TEST_WEB_PORT ?? 4591}`);

let runtime: Runtime;
let gateway: ApiGateway;
let web: WebServer;
let browser: Browser;
let owner: LocalUser;

beforeAll(async () => {
  if (!existsSync(path.join(REPO_ROOT, 'web', 'dist', 'index.html'))) {
    const build = spawnSync('npx', ['vite', 'build'], { cwd: path.join(REPO_ROOT, 'web'), encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}${build.stderr}`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: set CHROMIUM`);
  runtime = await startRuntime({ outputs: stack, endpoint });
  gateway = await startApiGateway({
    outputs: stack,
    endpoint,
    port: inject('apiPort'),
    allowedOrigins: [WEB_ORIGIN.origin],
  });
  web = await serveWeb({
    port: Number(WEB_ORIGIN.port || 80),
    config: webConfigFromOutputs(stack, { apiUrl: gateway.url, cognitoEndpoint: endpoint }),
    renditions: s3RenditionSource({ endpoint, region: stack.region, bucket: stack.renditions_bucket }),
  });
  owner = await createUser(stack, endpoint);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await gateway?.stop();
  await runtime?.stop();
});

/** The owner's first upload of the photo, through the API the way the app does it; returns its imageId. */
async function uploadThroughApi(photo: Buffer): Promise<string> {
  const token = (await signIn(stack, endpoint, owner.email, owner.password)).idToken;
  const call = apiClient(gateway.url);
  const created = await call('POST', '/uploads', {
    token,
    json: { filename: 'lake.jpg', contentType: 'image/jpeg', bytes: photo.length },
  });
  expect(created.status, created.text).toBe(201);
  expect((await postToPresignedUrl(created.body.upload, photo, 'lake.jpg', 'image/jpeg')).ok).toBe(true);
  await waitForStatus(clients, stack, created.body.imageId, 'PROCESSED', 90_000);
  return created.body.imageId;
}

/** In the gallery, with renditions held back: placeholders, then the rejected card; then the images. */
async function galleryWhileLoading(page: Page, photo: Buffer, firstId: string) {
  const held = await holdRenditions(page);
  await signInWithKeyboard(page, WEB_ORIGIN.origin, owner);
  await expectThumbHashPainted(page.locator(`li.card:has(a[href$="${firstId}"]) .card-media`));

  await page.locator('#file-input').setInputFiles([
    {
      name: 'lake-again.webp',
      mimeType: 'image/webp',
      buffer: await sharp(photo).webp({ quality: 60 }).toBuffer(),
    },
    { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a photo at all') },
  ]);
  const again = page.locator('li.card', { hasText: 'lake-again.webp' });
  const broken = page.locator('li.card', { hasText: 'broken.jpg' });
  const badge = (card: typeof again) => card.locator('.badge').first().textContent();
  await expect.poll(() => badge(again), { timeout: 90_000, interval: 500 }).toBe('Ready');
  await expectThumbHashPainted(again.locator('.card-media'));
  await expect.poll(() => badge(broken), { timeout: 90_000, interval: 500 }).toBe('Rejected');
  expect(await broken.locator('[data-role="rejected-placeholder"]').textContent()).toContain('not an image');
  expect(await broken.locator('img').count(), 'no broken-image icon').toBe(0);
  await expect.poll(() => again.locator('[data-role="duplicate"]').count()).toBe(1);
  await featureShot(page, 'gallery-placeholders-and-rejected');

  await held.release();
  await expectImagesLoaded(again.locator('.card-media'));
  await expect.poll(async () => (await placeholderOf(again.locator('.card-media'))).stage).toBe('loaded');
  await featureShot(page, 'gallery-loaded');
  return again;
}

describe('the web app: placeholders, near-duplicates, rejected uploads', () => {
  it('paints placeholders while images load, notes a near-duplicate and shows a rejected upload calmly', {
    timeout: 300_000,
  }, async () => {
    const photo = await makeLandscapeJpeg(1600, 1067);
    const firstId = await uploadThroughApi(photo);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();

    const again = await galleryWhileLoading(page, photo, firstId);

    // The detail view: the gallery's name, the placeholder, the note linking to the earlier upload.
    const held = await holdRenditions(page);
    await again.getByRole('link').click();
    await page.getByRole('heading', { name: 'lake-again.webp', level: 1 }).waitFor();
    await expectThumbHashPainted(page.locator('.detail-figure'));
    const note = page.locator('[data-role="duplicate-note"]');
    await note.waitFor();
    expect(await note.textContent()).toContain('Looks like a photo you already uploaded');
    await featureShot(page, 'detail-placeholder-and-duplicate-note');
    await held.release();
    await expectImagesLoaded(page.locator('.detail-figure'));
    await featureShot(page, 'detail-loaded');

    await note.getByRole('link').click();
    await expect.poll(() => page.url()).toContain(firstId);
    await expect.poll(() => page.locator('[data-role="duplicate-note"]').count()).toBe(0);
    await context.close();
  });
});
