/**
 * Near-duplicate rules: how far apart two 64-bit perceptual hashes (16 hex
 * characters, see `perceptualHash` in @pipeline/imaging) may be for two
 * images to count as the same photo, and how a hash is split into bands for
 * the index.
 *
 * The threshold was chosen on a generated test set (packages/imaging/tests/
 * near-duplicates.test.ts): the same photo re-encoded (JPEG q50, WebP),
 * resized to 50% and cropped by 5% on each edge came within 4 bits; six
 * different scenes were 22 or more bits apart (real photos: within 2 and 24
 * or more). 8 sits between, nearer the matches: a false "duplicate" note is
 * worse than a missed one.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 8;

/**
 * Bands the 64 bits are split into for the index. Two hashes within
 * {@link NEAR_DUPLICATE_MAX_DISTANCE} differ in at most that many bits, and
 * with more bands than differing bits at least one band is untouched
 * (pigeonhole), so looking up each band's exact value finds every
 * near-duplicate: one read per band.
 */
export const NEAR_DUPLICATE_BANDS = NEAR_DUPLICATE_MAX_DISTANCE + 1;

const HASH = /^[0-9a-f]{16}$/;

/** An image's perceptual hashes: of the whole image, and of its centre (5% off each edge). */
export interface PerceptualHashes {
  full: string;
  centre: string;
}

/**
 * How far apart two images are: the full hashes' distance, or, when less, one
 * image's full hash against the other's centre hash (one is a light crop of
 * the other).
 */
export function nearDuplicateDistance(a: PerceptualHashes, b: PerceptualHashes): number {
  return Math.min(
    hammingDistance(a.full, b.full),
    hammingDistance(a.full, b.centre),
    hammingDistance(a.centre, b.full),
  );
}

/** True when `value` is a perceptual hash as stored: 16 lower-case hex characters. */
export function isPerceptualHash(value: unknown): value is string {
  return typeof value === 'string' && HASH.test(value);
}

/** Number of bits in which two hashes differ (0-64). */
export function hammingDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < 16; i += 1) {
    let differ = Number.parseInt(a[i] as string, 16) ^ Number.parseInt(b[i] as string, 16);
    while (differ) {
      distance += differ & 1;
      differ >>= 1;
    }
  }
  return distance;
}

/**
 * The hash cut into `bands` runs of consecutive bits (sizes differ by one at
 * most), each as `<band>:<bits as a binary string>`, so equal strings mean
 * equal bits at the same place.
 */
export function hashBands(hash: string, bands: number = NEAR_DUPLICATE_BANDS): string[] {
  const bits = [...hash].map((digit) => Number.parseInt(digit, 16).toString(2).padStart(4, '0')).join('');
  const out: string[] = [];
  for (let band = 0; band < bands; band += 1) {
    const start = Math.floor((band * bits.length) / bands);
    const end = Math.floor(((band + 1) * bits.length) / bands);
    out.push(`${band}:${bits.slice(start, end)}`);
  }
  return out;
}
