/** A features section result for one photo and the HEIC fixture, for the report and target tests. */
import type { BenchRun } from '../bench-run.ts';
import type { FeaturesResult, PhotoFeatures } from '../features.ts';
import { benchRun } from './run-fixture.ts';

export function photoFeatures(over: Partial<PhotoFeatures> = {}): PhotoFeatures {
  return {
    classic: { ms: 660, cpuMs: 800, bytes: 1_700_000 },
    default: { ms: 693, cpuMs: 840, bytes: 1_760_000 },
    squareInSetMs: 33,
    squareInSetCpuMs: 40,
    square: { attentionMs: 12, centreMs: 2, bytes: 60_000, side: 320, from: 1024 },
    avif: {
      avifMs: 3300,
      webpMs: 330,
      avifBytes: 500_000,
      webpBytes: 1_000_000,
      decisionMs: 20,
      verdict: 'dropped (SSIM)',
    },
    traits: { decodeMs: 0.4, placeholderMs: 0.3, phashMs: 0.05, thumbHashBytes: 24, sourceWidth: 150 },
    ...over,
  };
}

/** The baseline's 18 MP photo (640 ms in bench/results/2026-11-22.md). */
export const ELEPHANTS = 'elephants-5640x3172.jpg';

/** benchRun() on `name`, with the renditions section skipped and a features section measured. */
export function featuresRun(photo: PhotoFeatures = photoFeatures(), name = ELEPHANTS): BenchRun {
  const run = benchRun(undefined);
  const first = run.renditions.images[0];
  if (first) {
    first.image = { ...first.image, name };
    first.columns.core = { ok: false, note: 'not in --only' };
  }
  const features: FeaturesResult = {
    rounds: 3,
    photos: run.renditions.images.map(({ image }) => ({ image, features: { ok: true, value: photo } })),
    heic: {
      ok: true,
      value: {
        file: 'packages/imaging/tests/fixtures/heic/quadrant-64x48.heic',
        kind: 'fixture',
        note: 'heif-enc (libheif-examples) is not installed',
        runs: 3,
        bytes: 556,
        width: 64,
        height: 48,
        ms: 0.8,
        loadMs: 130,
        firstDecodeMs: 3,
        baselineMb: 60,
        loadedMb: 75,
        peakMb: 75.5,
      },
    },
  };
  return { ...run, machine: '2 × AMD EPYC, 24 GiB; Node 20', features: { ok: true, value: features } };
}
