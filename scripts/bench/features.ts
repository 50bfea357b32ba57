/**
 * Section 8: what each image feature costs per image (issue 15): the square
 * crop, AVIF, the placeholder and the perceptual hashes on every photo, next
 * to the classic rendition set of the same run; HEIC decode on the committed
 * fixture (no photo here is a HEIC, and nothing here can encode one).
 * Interleaved round by round, like section 1; medians per photo.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { HEIC_FIXTURE, type HeicSample, heicSample } from './heic-sample.ts';
import type { BenchImage } from './inputs.ts';
import { LineWorker } from './line-worker.ts';
import { REPO_ROOT } from './paths.ts';
import { type Answer, medianDifference, medianFields } from './stats.ts';
import type { Feature } from './workers/features-worker.ts';

/** A measurement, or why it failed (bench-run.ts's Skippable, which imports this file's types). */
type Skippable<T> = { ok: true; value: T } | { ok: false; note: string };

/** A rendition set's median wall and CPU time (all threads) and total bytes. */
export interface SetCost {
  ms: number;
  cpuMs: number;
  bytes: number;
}

/** The square crop alone: attention and centre crop of the same pixels, the square's JPEG + WebP bytes. */
export interface SquareCost {
  attentionMs: number;
  centreMs: number;
  bytes: number;
  side: number;
  /** Width of the rendition pixels the square is cut from. */
  from: number;
}

/** AVIF at every classic width against WebP of the same pixels, and the keep rule's verdict. */
export interface AvifCost {
  avifMs: number;
  webpMs: number;
  avifBytes: number;
  webpBytes: number;
  decisionMs: number;
  verdict: string;
}

/** describeImage's parts: the 150 px decode, the placeholder, the perceptual hashes. */
export interface TraitsCost {
  decodeMs: number;
  placeholderMs: number;
  phashMs: number;
  thumbHashBytes: number;
  sourceWidth: number;
}

export interface PhotoFeatures {
  classic: SetCost;
  /** Today's default profile: the classic set plus the 320 px attention square. */
  default: SetCost;
  /** Median over rounds of the default set's ms minus the classic set's ms of the same round. */
  squareInSetMs: number;
  /** The same for CPU ms. */
  squareInSetCpuMs: number;
  square: SquareCost;
  avif: AvifCost;
  traits: TraitsCost;
}

/** The HEIC fixture: warm decode (median), and the first decode in fresh processes (medians). */
export interface HeicCost {
  file: string;
  /** See HeicSample: a phone-size HEIC made here, or the committed fixture (and why). */
  kind: HeicSample['kind'];
  note?: string;
  /** Warm decodes and fresh processes measured. */
  runs: number;
  bytes: number;
  width: number;
  height: number;
  ms: number;
  loadMs: number;
  firstDecodeMs: number;
  baselineMb: number;
  loadedMb: number;
  peakMb: number;
}

export interface FeaturesResult {
  rounds: number;
  photos: { image: BenchImage; features: Skippable<PhotoFeatures> }[];
  heic: Skippable<HeicCost>;
}

const PHOTO_FEATURES = [
  'classic',
  'default',
  'square',
  'avif',
  'traits',
] as const satisfies readonly Feature[];

/**
 * The two rendition sets run this many times as often as the rest: the
 * square's cost is their difference, a few percent of a set that background
 * load moves by more, so it needs more pairs than AVIF's seconds do.
 */
export const SET_ROUNDS_FACTOR = 2;

/**
 * Measures every feature on every image: one warm-up round, then `rounds`
 * rounds interleaving the features (the two rendition sets
 * {@link SET_ROUNDS_FACTOR} × `rounds`); then a HEIC (see heic-sample.ts; the
 * committed fixture when `phoneHeic` is false, as in the smoke run): warm
 * decodes, and fresh processes for time to first decode and peak RSS.
 */
export async function benchFeatures(
  images: BenchImage[],
  workers: { features: string; rss: string },
  rounds: number,
  log: (line: string) => void,
  phoneHeic = true,
): Promise<FeaturesResult> {
  const worker = new LineWorker(process.execPath, [workers.features]);
  const photos: FeaturesResult['photos'] = [];
  try {
    for (const image of images) {
      const features = await measurePhoto(worker, image.file, rounds);
      photos.push({ image, features });
      log(
        `  ${image.name}: ${features.ok ? `classic set ${Math.round(features.value.classic.ms)} ms` : features.note}`,
      );
    }
    return {
      rounds,
      photos,
      heic: await measureHeic(
        worker,
        workers.rss,
        rounds,
        phoneHeic
          ? await heicSample(images[0], log)
          : { file: HEIC_FIXTURE, kind: 'fixture', note: 'the smoke run decodes the fixture' },
      ),
    };
  } finally {
    await worker.close();
  }
}

async function measurePhoto(
  worker: LineWorker,
  file: string,
  rounds: number,
): Promise<Skippable<PhotoFeatures>> {
  const samples = new Map<Feature, Answer[]>(PHOTO_FEATURES.map((f) => [f, []]));
  for (let round = 0; round <= rounds * SET_ROUNDS_FACTOR; round++) {
    // The two sets back to back, in turns first, so their difference (the square) sees the same load;
    // the other features only in the first `rounds` rounds.
    const sets = round % 2 ? (['classic', 'default'] as const) : (['default', 'classic'] as const);
    const order = round <= rounds ? [...sets, ...PHOTO_FEATURES.slice(2)] : sets;
    for (const feature of order) {
      const answer = await worker.request<Answer>({ feature, file });
      if (typeof answer.error === 'string') return { ok: false, note: `${feature} failed: ${answer.error}` };
      if (round > 0) samples.get(feature)?.push(answer);
    }
  }
  const medians = Object.fromEntries(PHOTO_FEATURES.map((f) => [f, medianFields(samples.get(f) ?? [])]));
  const of = (feature: Feature, field: string) =>
    (samples.get(feature) ?? []).map((answer) => Number(answer[field]));
  const squareInSetMs = medianDifference(of('default', 'ms'), of('classic', 'ms'));
  const squareInSetCpuMs = medianDifference(of('default', 'cpuMs'), of('classic', 'cpuMs'));
  return { ok: true, value: { ...medians, squareInSetMs, squareInSetCpuMs } as unknown as PhotoFeatures };
}

/** Warm decodes of a phone-size HEIC take seconds each: fewer rounds than the small features. */
const PHONE_HEIC_ROUNDS = 2;

async function measureHeic(
  worker: LineWorker,
  rssWorker: string,
  featureRounds: number,
  sample: HeicSample,
): Promise<Skippable<HeicCost>> {
  const rounds = sample.kind === 'phone' ? Math.min(featureRounds, PHONE_HEIC_ROUNDS) : featureRounds;
  const warm: Answer[] = [];
  for (let round = 0; round <= rounds; round++) {
    const answer = await worker.request<Answer>({ feature: 'heic', file: sample.file });
    if (typeof answer.error === 'string') return { ok: false, note: `failed: ${answer.error}` };
    if (round > 0) warm.push(answer);
  }
  const fresh: Answer[] = [];
  for (let run = 0; run < rounds; run++) {
    const child = spawnSync(process.execPath, [rssWorker, sample.file, 'heic'], { encoding: 'utf8' });
    if (child.status !== 0)
      return { ok: false, note: `fresh process failed: ${child.stderr.trim().split('\n')[0]}` };
    fresh.push(JSON.parse(child.stdout) as Answer);
  }
  const w = medianFields(warm);
  const f = medianFields(fresh);
  return {
    ok: true,
    value: {
      file: path.relative(REPO_ROOT, sample.file),
      kind: sample.kind,
      ...(sample.note ? { note: sample.note } : {}),
      runs: rounds,
      bytes: Number(w.bytes),
      width: Number(w.width),
      height: Number(w.height),
      ms: Number(w.ms),
      loadMs: Number(f.loadMs),
      firstDecodeMs: Number(f.decodeMs),
      baselineMb: Number(f.baselineMb),
      loadedMb: Number(f.loadedMb),
      peakMb: Number(f.peakMb),
    },
  };
}
