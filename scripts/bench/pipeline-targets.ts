/** The targets of issue 14 (one download and one decode per image), judged on one run's numbers. */
import type { BenchRun, Check } from './bench-run.ts';
import { changePercent, machineFactor, pipelineCost } from './pipeline-cost.ts';
import { costComparison } from './pipeline-cost-section.ts';
import { bytesText } from './pipeline-section.ts';
import { imageTotals } from './pipeline-usage.ts';
import { fmt, percentile } from './stats.ts';

const INGEST_MAX_BYTES = 256 * 1024;
const INGEST_MAX_MS = 40;
const CPU_RATIO = 1.15;
const LATENCY_OVER_CORE_MS = 350;
/** Today's images per minute at concurrency 16 (bench/results/LATEST.md, 2026-11-22: 116.7, the issue rounds to 120). */
const TODAY_PER_MINUTE_C16 = 120;
const PER_MINUTE_FACTOR = 1.4;
const P95_C16_MS = 7000;
const FLOOR_RATIO = 1.35;
const FLOOR_RATIO_STRETCH = 1.2;
const COST_CUT_PERCENT = 30;

const notMeasured = (target: string, why = 'not measured'): Check => ({
  target,
  measured: why,
  holds: undefined,
});

export function pipelineChecks(run: BenchRun): Check[] {
  return [
    ...ingestChecks(run),
    cpuCheck(run),
    latencyCheck(run),
    ...throughputChecks(run),
    ...floorChecks(run),
    costCheck(run),
  ];
}

/** Every photo: ingest's bytes read and handler ms (mean of its uploads at concurrency 1; one or two each). */
function ingestChecks(run: BenchRun): Check[] {
  const target = `ingest reads ≤ 256 KiB and takes ≤ ${INGEST_MAX_MS} ms for every photo`;
  const measure = run.e2e.ok ? run.e2e.value.pipeline : undefined;
  if (!measure?.statsSeen) return [notMeasured(target)];
  return run.renditions.images.map(({ image }) => {
    const ingest = measure.perImage[image.name]?.ingest;
    const name = `${target.replace('for every photo', '')}(${image.name})`;
    if (!ingest || ingest.s3BytesRead === undefined) return notMeasured(name);
    const perCall = ingest.invocations > 0 ? ingest.durationMs / ingest.invocations : ingest.durationMs;
    return {
      target: name,
      measured: `${bytesText(ingest.s3BytesRead)}, ${fmt(perCall)} ms`,
      holds: ingest.s3BytesRead <= INGEST_MAX_BYTES && perCall <= INGEST_MAX_MS,
    };
  });
}

function cpuCheck(run: BenchRun): Check {
  const largest = run.renditions.images[0];
  const target = `CPU ms per image over all functions ≤ ${CPU_RATIO} × the resize core's (${largest?.image.name ?? 'n/a'})`;
  const measure = run.e2e.ok ? run.e2e.value.pipeline : undefined;
  const core = largest?.columns.core;
  const { cpuMs } = imageTotals(measure, largest?.image.name ?? '');
  if (cpuMs === undefined || !core?.ok) return notMeasured(target);
  const ratio = cpuMs / core.cpuMs;
  return {
    target,
    measured: `${fmt(ratio, 2)}× (${fmt(cpuMs)} vs ${fmt(core.cpuMs)} ms)`,
    holds: ratio <= CPU_RATIO,
  };
}

function latencyCheck(run: BenchRun): Check {
  const largest = run.renditions.images[0];
  const target = `upload-to-PROCESSED p50 at concurrency 1 ≤ core + ${LATENCY_OVER_CORE_MS} ms (${largest?.image.name ?? 'n/a'})`;
  const level = run.e2e.ok ? run.e2e.value.levels.find((l) => l.concurrency === 1) : undefined;
  const runs = level?.byImage[largest?.image.name ?? ''] ?? [];
  const core = largest?.columns.core;
  if (runs.length === 0 || !core?.ok) return notMeasured(target);
  const p50 = percentile(runs, 50);
  return {
    target,
    measured: `${fmt(p50)} ms = core ${fmt(core.ms)} + ${fmt(p50 - core.ms)} ms`,
    holds: p50 <= core.ms + LATENCY_OVER_CORE_MS,
  };
}

function throughputChecks(run: BenchRun): Check[] {
  const wanted = PER_MINUTE_FACTOR * TODAY_PER_MINUTE_C16;
  const rate = `images per minute at concurrency 16 ≥ ${PER_MINUTE_FACTOR} × ${TODAY_PER_MINUTE_C16} = ${fmt(wanted)}`;
  const p95 = `p95 at concurrency 16 ≤ ${fmt(P95_C16_MS / 1000)} s`;
  const c16 = run.e2e.ok ? run.e2e.value.levels.find((l) => l.concurrency === 16) : undefined;
  if (!c16) return [notMeasured(rate), notMeasured(p95)];
  // Both limits are absolute figures of the 2026-11-22 machine: say how this one compares.
  const floor = run.renditions.images[0]?.columns.floor;
  const factor = machineFactor(floor?.ok ? floor.ms : undefined);
  const slower = factor > 1.05 ? ` (this machine decodes ${fmt(factor, 2)}× slower than the baseline's)` : '';
  return [
    {
      target: rate,
      measured: `${fmt(c16.imagesPerMinute, 1)} / min${slower}`,
      holds: c16.imagesPerMinute >= wanted,
    },
    { target: p95, measured: `${fmt(c16.p95Ms)} ms${slower}`, holds: c16.p95Ms <= P95_C16_MS },
  ];
}

function floorChecks(run: BenchRun): Check[] {
  const largest = run.renditions.images[0];
  const c = largest?.columns;
  const name = largest?.image.name ?? 'n/a';
  const targets = [
    { target: `rendition set ≤ ${FLOOR_RATIO} × decode floor (${name})`, limit: FLOOR_RATIO },
    {
      target: `stretch: rendition set ≤ ${FLOOR_RATIO_STRETCH} × decode floor (${name})`,
      limit: FLOOR_RATIO_STRETCH,
    },
  ];
  if (!c?.core.ok || !c.floor.ok) return targets.map(({ target }) => notMeasured(target));
  const ratio = c.core.ms / c.floor.ms;
  const measured = `${fmt(ratio, 2)}× (${fmt(c.core.ms)} vs ${fmt(c.floor.ms)} ms)`;
  return targets.map(({ target, limit }) => ({ target, measured, holds: ratio <= limit }));
}

function costCheck(run: BenchRun): Check {
  const compared = costComparison(run);
  const target = `$ per 1,000 images, all requests, ≥ ${COST_CUT_PERCENT}% below today's (${'image' in compared ? compared.image : 'n/a'})`;
  if ('note' in compared) return notMeasured(target, `not measured: ${compared.note}`);
  const now = pipelineCost(compared.now).total;
  const today = pipelineCost(compared.today).total;
  const change = changePercent(now, today);
  return {
    target,
    measured: `$${fmt(now, 4)} vs $${fmt(today, 4)} (${change <= 0 ? '−' : '+'}${fmt(Math.abs(change), 1)}%)`,
    holds: change <= -COST_CUT_PERCENT,
  };
}
