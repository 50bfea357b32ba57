/**
 * What the soak uploads: a seeded, shuffled mix of upload kinds, each with the
 * final state the pipeline must reach for it. Pure, so the mix is unit-tested
 * and a failing run can be replayed with the same seed.
 */

/** One way of putting an image into the pipeline. */
export type UploadKind =
  | 'valid'
  | 'duplicate-event'
  | 'overwrite'
  | 'overwrite-after-processed'
  | 'delete-after-upload'
  | 'not-an-image'
  | 'truncated-jpeg';

/** A terminal image status. */
export type TerminalStatus = 'PROCESSED' | 'REJECTED' | 'DELETED';

/** Every kind, in the order the summary table lists them. */
export const UPLOAD_KINDS: readonly UploadKind[] = [
  'valid',
  'duplicate-event',
  'overwrite',
  'overwrite-after-processed',
  'delete-after-upload',
  'not-an-image',
  'truncated-jpeg',
];

/** What each kind does, for the summary table and the docs. */
export const KIND_LABELS: Record<UploadKind, string> = {
  valid: 'valid photo',
  'duplicate-event': 'same S3 event delivered twice',
  overwrite: 'overwrite of the same key (at once)',
  'overwrite-after-processed': 'overwrite after PROCESSED',
  'delete-after-upload': 'delete right after upload',
  'not-an-image': 'text named .jpg',
  'truncated-jpeg': 'truncated JPEG',
};

/** Share of each kind in a run (percent; sums to 100). */
export const KIND_WEIGHTS: Record<UploadKind, number> = {
  valid: 40,
  'duplicate-event': 14,
  overwrite: 9,
  'overwrite-after-processed': 9,
  'delete-after-upload': 12,
  'not-an-image': 8,
  'truncated-jpeg': 8,
};

/** The status each kind must end in. Overwrites end PROCESSED at the last version. */
export const EXPECTED_STATUS: Record<UploadKind, TerminalStatus> = {
  valid: 'PROCESSED',
  'duplicate-event': 'PROCESSED',
  overwrite: 'PROCESSED',
  'overwrite-after-processed': 'PROCESSED',
  'delete-after-upload': 'DELETED',
  'not-an-image': 'REJECTED',
  'truncated-jpeg': 'REJECTED',
};

/** One planned upload: a fresh image (its own key) put in by `kind`. */
export interface PlannedUpload {
  /** Position in the plan, 0-based. */
  index: number;
  kind: UploadKind;
  /** Which generated photo to use (modulo the pool size); overwrites use `photo + 1` for the second version. */
  photo: number;
  /** duplicate-event only: re-publish the event once the first delivery is PROCESSED (else as soon as it is seen). */
  late: boolean;
}

/** mulberry32: a small seeded PRNG, so a run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * How many uploads of each kind for `total` uploads: proportional to
 * KIND_WEIGHTS (largest remainder), with at least one of every kind when
 * `total` allows it, so even a short run exercises each path.
 * @throws RangeError when total is not a positive integer.
 */
export function kindCounts(total: number): Record<UploadKind, number> {
  if (!Number.isInteger(total) || total < 1)
    throw new RangeError(`uploads: ${total} is not a positive integer`);
  const exact = UPLOAD_KINDS.map((kind) => ({ kind, share: (total * KIND_WEIGHTS[kind]) / 100 }));
  const counts = Object.fromEntries(exact.map(({ kind, share }) => [kind, Math.floor(share)])) as Record<
    UploadKind,
    number
  >;
  let left = total - Object.values(counts).reduce((a, b) => a + b, 0);
  const byRemainder = [...exact].sort(
    (a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share)),
  );
  for (const { kind } of byRemainder) {
    if (left === 0) break;
    counts[kind] += 1;
    left -= 1;
  }
  if (total >= UPLOAD_KINDS.length) {
    // Take from the largest kind for any kind that rounded to zero.
    for (const kind of UPLOAD_KINDS) {
      if (counts[kind] > 0) continue;
      const largest = UPLOAD_KINDS.reduce((a, b) => (counts[b] > counts[a] ? b : a));
      counts[largest] -= 1;
      counts[kind] = 1;
    }
  }
  return counts;
}

/**
 * A shuffled plan of `total` uploads for `photos` generated photos.
 * The same `seed` gives the same plan.
 */
export function makePlan(total: number, photos: number, seed: number): PlannedUpload[] {
  if (!Number.isInteger(photos) || photos < 2) throw new RangeError(`photos: need at least 2, got ${photos}`);
  const random = seededRandom(seed);
  const counts = kindCounts(total);
  const kinds = UPLOAD_KINDS.flatMap((kind) => Array.from({ length: counts[kind] }, () => kind));
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as UploadKind, kinds[i] as UploadKind];
  }
  return kinds.map((kind, index) => ({
    index,
    kind,
    photo: Math.floor(random() * photos),
    late: kind === 'duplicate-event' && random() < 0.5,
  }));
}
