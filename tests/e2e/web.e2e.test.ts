import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { RENDITION_SPECS } from '@pipeline/domain';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { type ApiGateway, startApiGateway } from '../../scripts/local/gateway/api-gateway.ts';
import { createUser, type LocalUser, MODERATORS_GROUP, signIn } from '../../scripts/local/gateway/cognito.ts';
import { type Runtime, startRuntime } from '../../scripts/local/lambda/runtime.ts';
import { REPO_ROOT, recordedTools } from '../../scripts/local/tools.ts';
import { s3RenditionSource } from '../../scripts/local/web/renditions-source.ts';
import { serveWeb, type WebServer, webConfigFromOutputs } from '../../scripts/local/web/web-server.ts';
import { apiClient, postToPresignedUrl } from '../support/api.ts';
import { testClients } from '../support/aws.ts';
import { waitForStatus } from '../support/pipeline.ts';
import {
  expectImagesLoaded,
  expectNoHorizontalScroll,
  makeLandscapeJpeg,
  SHOTS,
  shoot,
  signInWithKeyboard,
  tabTo,
} from './web-page.ts';

const stack = inject('stack');
const endpoint = inject('endpoint');
const clients = testClients(endpoint);
const CHROMIUM = process.env.CHROMIUM || recordedTools().CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// The app must be served at the origin Terraform allowed (API and uploads-bucket CORS): web_url.
const WEB_ORIGIN = new URL(stack.web_url ?? `http://localhost:${process.env.TEST_WEB_PORT ?? 4591}`);
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

/** Signed in as a member: the banner says so, no Moderation link, and Tab walks the header in order. */
async function expectMemberBannerAndTabOrder(page: Page, email: string): Promise<void> {
  const banner = page.getByRole('banner');
  await expect.poll(() => banner.textContent()).toContain(email);
  await expect.poll(() => banner.textContent()).toContain('Member');
  expect(await page.getByRole('link', { name: 'Moderation' }).count()).toBe(0);

  // Keyboard order from the top of the page: skip link, brand, nav, sign out, then the file picker.
  await page.reload();
  await page.getByRole('heading', { name: 'Your photos', level: 1 }).waitFor();
  const order = [];
  for (let i = 0; i < 5; i += 1) order.push(await tabTo(page));
  expect(order).toEqual(['Skip to content', 'Photos', 'My photos', 'Sign out', 'Choose photos']);
}

/** A photo and a text file at once: the API refuses the text file (415) with its own message; the photo gets Ready. */
async function uploadPhotoAndTextFile(page: Page) {
  await page.locator('#file-input').setInputFiles([
    { name: 'harbour.jpg', mimeType: 'image/jpeg', buffer: await makeLandscapeJpeg() },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
  ]);
  const card = page.locator('li.card', { hasText: 'harbour.jpg' });
  const refused = page.locator('li.card', { hasText: 'notes.txt' });
  await expect.poll(() => card.locator('.badge').textContent()).toMatch(/Uploading|Processing|Ready/);
  await expect.poll(() => refused.locator('.badge').textContent()).toBe('Upload failed');
  expect(await refused.locator('.card-detail').textContent()).toMatch(/text\/plain|type/i);

  await expect
    .poll(() => card.locator('.badge').textContent(), { timeout: 90_000, interval: 500 })
    .toBe('Ready');
  await expectImagesLoaded(card.locator('.card-media'));
  // Grid cells show the square crop cut around the subject (the default profile's `square` size).
  expect(await card.locator('img').getAttribute('srcset')).toMatch(/\/square\.jpg 320w/);
  expect(await card.locator('source[type="image/webp"]').getAttribute('srcset')).toMatch(
    /\/square\.webp 320w/,
  );
  await shoot(page, 'gallery-desktop');
  await page.setViewportSize(PHONE);
  await expectNoHorizontalScroll(page);
  await shoot(page, 'gallery-phone');
  await page.setViewportSize(DESKTOP);
  return { card, refused };
}

/** Validation is shown next to the field; a valid edit is saved and survives a reload. */
async function editDetails(page: Page): Promise<void> {
  const caption = page.getByLabel('Caption');
  await caption.fill('x'.repeat(501));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(() => page.locator('#caption-error').textContent()).toMatch(/500 characters or fewer/);
  expect(await caption.getAttribute('aria-invalid')).toBe('true');
  await caption.fill('Harbour at dawn');
  await page.getByLabel('Date taken').fill('2024-05-06');
  await page.getByLabel('Photographer').fill('E. Twoe');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(() => page.locator('.edit-form [role="status"]').textContent()).toBe('Saved.');
  await page.reload();
  await page.getByRole('heading', { name: 'Harbour at dawn', level: 1 }).waitFor();
  expect(await page.getByLabel('Caption').inputValue()).toBe('Harbour at dawn');
  expect(await page.getByLabel('Date taken').inputValue()).toBe('2024-05-06');
  expect(await page.getByLabel('Photographer').inputValue()).toBe('E. Twoe');
  await expectImagesLoaded(page.locator('.detail-figure'));
  await shoot(page, 'detail-desktop');
}

/** Download original: the browser ends up with the original's bytes (download or opened tab). */
async function downloadOriginal(page: Page): Promise<void> {
  const popup = page
    .context()
    .waitForEvent('page', { timeout: 15_000 })
    .catch(() => undefined);
  const download = page.waitForEvent('download', { timeout: 15_000 }).catch(() => undefined);
  await page.getByRole('button', { name: 'Download original' }).click();
  const [opened, saved] = await Promise.all([popup, download]);
  const status = await page.locator('.action [role="status"]').first().textContent();
  expect(opened?.url() ?? (saved ? 'download' : `neither (${status})`)).toMatch(
    new RegExp(`download|${stack.uploads_bucket}`),
  );
  await opened?.close();
}

/** Delete: confirm, back in the gallery the card reads Deleting, then it goes, and the record ends DELETED. */
async function deleteFromDetail(page: Page, imageId: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.getByRole('button', { name: 'Delete photo' }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await page.getByRole('heading', { name: 'Your photos', level: 1 }).waitFor();
  const deleting = page.locator('li.card', { hasText: 'Harbour at dawn' });
  await expect
    .poll(async () =>
      (await deleting.count()) === 0 ? 'gone' : await deleting.locator('.badge').textContent(),
    )
    .toMatch(/Deleting|gone/);
  await expect.poll(() => deleting.count(), { timeout: 60_000, interval: 500 }).toBe(0);
  await waitForStatus(clients, stack, imageId, 'DELETED');
}

let runtime: Runtime;
let gateway: ApiGateway;
let web: WebServer;
let browser: Browser;
let owner: LocalUser;
let moderator: LocalUser;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(REPO_ROOT, 'web', 'dist', 'index.html'))) {
    const build = spawnSync('npx', ['vite', 'build'], {
      cwd: path.join(REPO_ROOT, 'web'),
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}${build.stderr}`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run scripts/ensure-tools.sh --browser, or set CHROMIUM`);
  }
  mkdirSync(SHOTS, { recursive: true });
  runtime = await startRuntime({ outputs: stack, endpoint });
  // The web server also plays CloudFront for the private renditions bucket (RENDITIONS_BASE_URL points there).
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
  moderator = await createUser(stack, endpoint, { groups: [MODERATORS_GROUP] });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await gateway?.stop();
  await runtime?.stop();
});

async function newPage(viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  onTestFailed(async () => {
    await shoot(page, `failure-${Date.now()}`).catch(() => undefined);
    console.error(`browser console errors:\n${consoleErrors.join('\n')}`);
  });
  return page;
}

describe('the web app in Chromium (local stack: moto, runtime, API gateway, Cognito)', () => {
  it('signs in, uploads, follows a photo to PROCESSED, edits it and deletes it', {
    timeout: 240_000,
  }, async () => {
    const page = await newPage();
    await signInWithKeyboard(page, WEB_ORIGIN.origin, owner);
    await expectMemberBannerAndTabOrder(page, owner.email);

    const { card, refused } = await uploadPhotoAndTextFile(page);

    // Dismiss the failed upload by keyboard, then open the photo with Enter.
    await refused.getByRole('button', { name: /Dismiss/ }).press('Enter');
    await expect.poll(() => refused.count()).toBe(0);
    await card.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'harbour.jpg', level: 1 }).waitFor(); // the gallery's name
    const imageId = decodeURIComponent(new URL(page.url()).hash.replace('#/images/', ''));
    await expectImagesLoaded(page.locator('.detail-figure'));
    expect(await page.locator('.renditions li').count()).toBe(RENDITION_SPECS.length);
    const facts = await page.locator('.facts').textContent();
    expect(facts).toContain('2400 × 1600');
    expect(facts).toContain('JPEG');

    await editDetails(page);

    await downloadOriginal(page);

    // Phone width: one column, nothing scrolls sideways.
    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    await shoot(page, 'detail-phone');

    await deleteFromDetail(page, imageId);
    await page.context().close();
  });

  it('lets a moderator reject a photo with a reason, on a phone-sized screen', {
    timeout: 240_000,
  }, async () => {
    // Someone else's photo, uploaded through the API the way the app does it.
    const uploader = await createUser(stack, endpoint);
    const token = (await signIn(stack, endpoint, uploader.email, uploader.password)).idToken;
    const call = apiClient(gateway.url);
    const photo = await makeLandscapeJpeg(1600, 1200);
    const created = await call('POST', '/uploads', {
      token,
      json: { filename: 'field.jpg', contentType: 'image/jpeg', bytes: photo.length },
    });
    expect(created.status, created.text).toBe(201);
    const uploaded = await postToPresignedUrl(created.body.upload, photo, 'field.jpg', 'image/jpeg');
    expect(uploaded.ok).toBe(true);
    await waitForStatus(clients, stack, created.body.imageId, 'PROCESSED', 90_000);

    const page = await newPage(PHONE);
    await signInWithKeyboard(page, WEB_ORIGIN.origin, moderator);
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('Moderator');
    await page.getByRole('heading', { name: 'Your photos', level: 1 }).waitFor();
    await expectNoHorizontalScroll(page);

    await page.getByRole('link', { name: 'Moderation' }).click();
    await page.getByRole('heading', { name: 'Moderation', level: 1 }).waitFor();
    const item = page.locator('li.review-item', { has: page.locator(`img[src*="${created.body.imageId}"]`) });
    await item.waitFor();
    await expectImagesLoaded(item);
    await expectNoHorizontalScroll(page);
    await shoot(page, 'moderation-phone');
    await page.setViewportSize(DESKTOP);
    await shoot(page, 'moderation-desktop');

    // Rejecting needs a reason: the error is announced next to the field, then the decision is saved.
    await item.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => item.locator('.field-error').textContent()).toMatch(/reason/);
    await item.getByLabel('Reason for rejecting').fill('Not a harbour');
    await item.getByLabel('Reason for rejecting').press('Enter');
    await expect.poll(() => item.locator('[role="status"]').textContent()).toBe('Rejected: Not a harbour');
    const view = await call('GET', `/images/${created.body.imageId}`, { token });
    expect(view.body.review).toMatchObject({ decision: 'REJECTED', reason: 'Not a harbour' });
    await page.context().close();
  });
});
