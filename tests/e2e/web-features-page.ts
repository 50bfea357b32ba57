/**
 * Helpers for the web e2e test of issue 15's features: holding rendition
 * requests back (so the placeholder can be seen and photographed before the
 * image arrives), and screenshots saved only when WEB_SCREENSHOTS names a folder.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page, Route } from 'playwright-core';
import { expect } from 'vitest';
import { RENDITIONS_PATH } from '../../scripts/local/web/web-server.ts';

/** Folder for this test's screenshots (set WEB_SCREENSHOTS=/tmp/shots to keep them); none when unset. */
const FEATURE_SHOTS = process.env.WEB_SCREENSHOTS;

/** A full-page screenshot as <WEB_SCREENSHOTS>/<name>.png, when WEB_SCREENSHOTS is set. */
export async function featureShot(page: Page, name: string): Promise<void> {
  if (!FEATURE_SHOTS) return;
  mkdirSync(FEATURE_SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(FEATURE_SHOTS, `${name}.png`), fullPage: true });
}

/** Rendition requests held back until `release()`: the page shows its placeholders meanwhile. */
export interface HeldRenditions {
  release(): Promise<void>;
}

/** Holds back every rendition request of `page` (the web server's /renditions/ path). */
export async function holdRenditions(page: Page): Promise<HeldRenditions> {
  const held: Route[] = [];
  const matcher = (url: URL) => url.pathname.startsWith(RENDITIONS_PATH);
  const hold = (route: Route) => {
    held.push(route);
  };
  await page.route(matcher, hold);
  return {
    async release() {
      await page.unroute(matcher, hold);
      await Promise.all(held.splice(0).map((route) => route.continue().catch(() => undefined)));
    },
  };
}

/** The placeholder stage of a media container (`colour`, `thumbhash`, `loaded`) and its painted background. */
export function placeholderOf(media: Locator) {
  return media.evaluate((element) => {
    const style = (element as unknown as { style: { backgroundImage: string; backgroundColor: string } })
      .style;
    const data = (element as unknown as { dataset: Record<string, string | undefined> }).dataset;
    return { stage: data.placeholder, image: style.backgroundImage, colour: style.backgroundColor };
  });
}

/** Waits until `media` paints the decoded ThumbHash over the dominant colour. */
export async function expectThumbHashPainted(media: Locator): Promise<void> {
  await expect.poll(async () => (await placeholderOf(media)).stage, { timeout: 15_000 }).toBe('thumbhash');
  const painted = await placeholderOf(media);
  expect(painted.image).toMatch(/^url\("data:image\/png;base64,/);
  expect(painted.colour).toMatch(/^rgb/);
}
