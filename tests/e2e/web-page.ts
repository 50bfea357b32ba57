/**
 * The web e2e test's browser helpers: a generated photo, screenshots, and checks of layout, loaded
 * images and keyboard focus. Browser-side code is passed as strings: this file is compiled for Node,
 * without the DOM library.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { LocalUser } from '../../scripts/local/gateway/cognito.ts';
import { REPO_ROOT } from '../../scripts/local/tools.ts';

/** Where screenshots go (CI keeps test-results/). */
export const SHOTS = path.join(REPO_ROOT, 'test-results', 'screenshots');

/** A 2400x1600 landscape "photo" (sky, sun, hills, grain) as a JPEG. */
export async function makeLandscapeJpeg(width = 2400, height = 1600): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1e3c72"/><stop offset="0.6" stop-color="#f2a65a"/><stop offset="1" stop-color="#f6d365"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>
    <circle cx="${width * 0.7}" cy="${height * 0.55}" r="${height * 0.12}" fill="#fff3c4"/>
    <path d="M0 ${height * 0.7} Q ${width * 0.25} ${height * 0.5} ${width * 0.5} ${height * 0.68} T ${width} ${height * 0.62} V ${height} H 0 Z" fill="#2d4a3e"/>
    <path d="M0 ${height * 0.85} Q ${width * 0.4} ${height * 0.7} ${width} ${height * 0.82} V ${height} H 0 Z" fill="#1b2f27"/>
  </svg>`;
  const scene = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
  const grain = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 10 },
    },
  })
    .raw()
    .toBuffer();
  const pixels = Uint8ClampedArray.from(scene, (value, i) => value + (grain[i] ?? 128) - 128);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A full-page screenshot, saved as SHOTS/<name>.png. */
export async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** No sideways scrolling at the current viewport. */
export async function expectNoHorizontalScroll(page: Page) {
  const { scroll, viewport } = await page.evaluate<{ scroll: number; viewport: number }>(
    '({ scroll: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth })',
  );
  expect(scroll, 'page is wider than the viewport').toBeLessThanOrEqual(viewport);
}

/** Every <img> inside `scope` has loaded real pixels (a rendition came back, not a broken image). */
export async function expectImagesLoaded(scope: Locator) {
  const state = () =>
    scope.locator('img').evaluateAll((images) => {
      const all = images as unknown as Array<{ complete: boolean; naturalWidth: number; currentSrc: string }>;
      const broken = all.find((image) => !(image.complete && image.naturalWidth > 0));
      return all.length === 0 ? 'no images' : broken ? `not loaded: ${broken.currentSrc}` : 'loaded';
    });
  await expect.poll(state, { timeout: 15_000 }).toBe('loaded');
}

/** The accessible name of the focused element, after pressing Tab. */
export async function tabTo(page: Page): Promise<string> {
  await page.keyboard.press('Tab');
  return page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el) return '';
    const label = el.id ? document.querySelector('label[for="' + el.id + '"]')?.textContent : undefined;
    return (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim();
  })()`);
}

/** Signs in with the keyboard only: the email field has focus, Tab to the password, Enter submits. */
export async function signInWithKeyboard(page: Page, origin: string, user: LocalUser) {
  await page.goto(origin);
  await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('email');
  await page.keyboard.type(user.email);
  expect(await tabTo(page)).toBe('Password');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Sign in' }).waitFor();
}
