import { lumaOf, lumaSsim } from './luma-ssim';
import type { Pixels } from './square-crop';

/**
 * When an image keeps its AVIF renditions. AVIF q50 matched or beat WebP
 * q80's SSIM on most measured photos at 20-35% fewer bytes, but not on fine
 * texture (a herd of elephants: SSIM 0.92 against 0.97 at 480 px), and flat
 * graphics or tiny sizes can come out larger. So per image: keep AVIF only
 * when it is both smaller by a margin and as good (see avif-settings.ts).
 */

/** Keep AVIF only when it saves at least this much against the WebP of the same sizes, in percent. */
export const DEFAULT_AVIF_MIN_SAVING_PERCENT = 10;

/** How much lower AVIF's luma SSIM may be than WebP's (against the same resized pixels) and still count as comparable. */
export const AVIF_MAX_SSIM_LOSS = 0.005;

/** The width the quality check looks at: the smallest compared size at least this wide (cheap, yet shows texture). */
const REFERENCE_WIDTH = 480;

interface Encoded {
  name: string;
  format: string;
  width: number;
  bytes: number;
}

/**
 * Drops every AVIF rendition of the image unless, over the sizes made in both
 * AVIF and WebP, the AVIF bytes are at least `minSavingPercent` below the WebP
 * bytes. One decision per image, so its `<picture>` AVIF source lists every
 * size or none. A size made in AVIF without WebP keeps it (nothing to compare).
 */
export function keepAvifWhenSmaller<T extends Encoded>(
  renditions: readonly T[],
  minSavingPercent = DEFAULT_AVIF_MIN_SAVING_PERCENT,
): T[] {
  const compared = comparedAvif(renditions);
  if (compared.length === 0) return [...renditions];
  const avifBytes = compared.reduce((sum, [avif]) => sum + avif.bytes, 0);
  const webpBytes = compared.reduce((sum, [, webp]) => sum + webp.bytes, 0);
  return avifBytes <= webpBytes * (1 - minSavingPercent / 100)
    ? [...renditions]
    : withoutComparedAvif(renditions);
}

/**
 * {@link keepAvifWhenSmaller}, then the quality half of the rule: at one
 * reference size, AVIF's luma SSIM against the pixels both were encoded from
 * must be within {@link AVIF_MAX_SSIM_LOSS} of WebP's. `sourceOf(name)` gives those pixels.
 */
export async function keepAvifWhenBetter<T extends Encoded & { body: Buffer }>(
  renditions: readonly T[],
  sourceOf: (name: string) => Promise<Pixels>,
  minSavingPercent = DEFAULT_AVIF_MIN_SAVING_PERCENT,
): Promise<T[]> {
  const smaller = keepAvifWhenSmaller(renditions, minSavingPercent);
  const compared = comparedAvif(smaller).sort(([a], [b]) => a.width - b.width);
  const reference = compared.find(([avif]) => avif.width >= REFERENCE_WIDTH) ?? compared.at(-1);
  if (!reference) return smaller;
  const [avif, webp] = reference;
  const source = await sourceOf(avif.name);
  const [original, avifLuma, webpLuma] = await Promise.all([
    lumaOf(source),
    lumaOf(avif.body),
    lumaOf(webp.body),
  ]);
  const avifSsim = lumaSsim(original, avifLuma, source.width, source.height);
  const webpSsim = lumaSsim(original, webpLuma, source.width, source.height);
  return avifSsim >= webpSsim - AVIF_MAX_SSIM_LOSS ? smaller : withoutComparedAvif(smaller);
}

function comparedAvif<T extends Encoded>(renditions: readonly T[]): Array<[T, T]> {
  const webp = new Map(renditions.filter((r) => r.format === 'webp').map((r) => [r.name, r]));
  return renditions
    .filter((r) => r.format === 'avif' && webp.has(r.name))
    .map((r) => [r, webp.get(r.name) as T]);
}

function withoutComparedAvif<T extends Encoded>(renditions: readonly T[]): T[] {
  const webpNames = new Set(renditions.filter((r) => r.format === 'webp').map((r) => r.name));
  return renditions.filter((r) => !(r.format === 'avif' && webpNames.has(r.name)));
}
