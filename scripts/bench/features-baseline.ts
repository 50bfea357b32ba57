/**
 * Issue 15's guard on the profile work: the classic rendition set (the eight
 * renditions every image had before profiles) keeps the time it had before,
 * within 5%, judged against the committed report. Machines differ (the
 * baseline ran on 2 x AMD EPYC), so the judged figure is the set's time over
 * the same run's decode floor of the photo (section 1, column (d): libvips
 * decoding the original, none of the pipeline's code), against the baseline's.
 */
import type { BenchRun, Check } from './bench-run.ts';
import { fmt } from './stats.ts';

/**
 * The classic set's time per photo in the committed baseline:
 * bench/results/2026-11-22.md, section 1, column "core" (median of 7
 * interleaved runs; load average 2.5 → 1.5 during that section).
 */
export const CLASSIC_SET_BASELINE = {
  date: '2026-11-22',
  /** The report's machine line starts so: a time from another CPU model is not comparable. */
  machine: '2 × AMD EPYC',
  ms: {
    'elephants-5640x3172.jpg': 640,
    'adwaita-4096x4096.webp': 271,
    'garden-2560x1600.jpg': 97,
    'arc-alpha-2140x1200.png': 244,
    'storm-1920x1280.jpg': 80,
  } as Readonly<Record<string, number>>,
  /** The same report's decode floor (column (d)) of the largest photo. */
  floorMs: { 'elephants-5640x3172.jpg': 481 } as Readonly<Record<string, number>>,
} as const;

/** How much slower than the baseline the classic set may be. */
export const CLASSIC_SET_TOLERANCE_PERCENT = 5;

/** Percent change of `ms` against the baseline's time for `photo`; undefined when the baseline has no such photo. */
export function changeFromBaseline(photo: string, ms: number): number | undefined {
  const before = CLASSIC_SET_BASELINE.ms[photo];
  return before === undefined ? undefined : (ms / before - 1) * 100;
}

/** "+3.1%" / "−2.0%" for a change in percent. */
export function signedPercent(change: number): string {
  return `${change < 0 ? '−' : '+'}${fmt(Math.abs(change), 1)}%`;
}

/**
 * The classic set of the largest photo against the baseline, as set ÷ decode
 * floor of this run against the baseline's (see the file's comment). Without
 * a floor in this run, the time is shown against the baseline's, judged only
 * on the baseline's CPU model.
 */
export function classicSetCheck(run: BenchRun): Check {
  const largest = run.renditions.images[0];
  const name = largest?.image.name ?? 'n/a';
  const baseline = CLASSIC_SET_BASELINE.ms[name];
  const baselineFloor = CLASSIC_SET_BASELINE.floorMs[name];
  const target = `classic rendition set (8 renditions) ≤ ${CLASSIC_SET_TOLERANCE_PERCENT}% over its ${CLASSIC_SET_BASELINE.date} time, as set ÷ decode floor (${name})`;
  const measured = classicSetTime(run, name);
  if (baseline === undefined || !measured) {
    return {
      target,
      measured: measured ? `${fmt(measured.ms)} ms, ${measured.from}` : 'not measured',
      holds: undefined,
    };
  }
  const floor = largest?.columns.floor;
  if (floor?.ok && baselineFloor) {
    const now = measured.ms / floor.ms;
    const before = baseline / baselineFloor;
    const change = (now / before - 1) * 100;
    return {
      target,
      measured: `${fmt(now, 2)}× (${fmt(measured.ms)} / ${fmt(floor.ms)} ms) vs ${fmt(before, 2)}× (${fmt(baseline)} / ${fmt(baselineFloor)} ms): ${signedPercent(change)}; ${measured.from}`,
      holds: change <= CLASSIC_SET_TOLERANCE_PERCENT,
    };
  }
  const change = changeFromBaseline(name, measured.ms) as number;
  if (!run.machine.startsWith(CLASSIC_SET_BASELINE.machine)) {
    return {
      target,
      measured: `${fmt(measured.ms)} ms (${signedPercent(change)}; ${measured.from}), not judged: no decode floor in this run and the baseline ran on ${CLASSIC_SET_BASELINE.machine}, this run on ${run.machine.split(',')[0]}`,
      holds: undefined,
    };
  }
  return {
    target,
    measured: `${fmt(measured.ms)} ms (${signedPercent(change)}; ${measured.from})`,
    holds: change <= CLASSIC_SET_TOLERANCE_PERCENT,
  };
}

function classicSetTime(run: BenchRun, name: string): { ms: number; from: string } | undefined {
  const core = run.renditions.images[0]?.columns.core;
  if (core?.ok) return { ms: core.ms, from: `renditions section, median of ${run.renditions.iterations}` };
  if (!run.features.ok) return undefined;
  const photo = run.features.value.photos.find((p) => p.image.name === name);
  if (!photo?.features.ok) return undefined;
  return {
    ms: photo.features.value.classic.ms,
    from: `features section, median of ${run.features.value.rounds}`,
  };
}
