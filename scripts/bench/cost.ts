/**
 * Section 5: Lambda (arm64) dollars per 1,000 images, from measured
 * durations and the memory in each function.json.
 */
import type { FunctionColdStart } from './cold-start.ts';
import type { E2eResult } from './e2e.ts';
import type { RenditionsResult } from './renditions.ts';
import { median } from './stats.ts';

/** AWS Lambda arm64 list prices, us-east-1, first tier (aws.amazon.com/lambda/pricing). */
export const PRICES = {
  perGbSecond: 0.0000133334,
  perRequest: 0.2 / 1_000_000,
  /** Lambda gives a function one full vCPU at 1,769 MB, and CPU in proportion to memory. */
  mbPerVcpu: 1769,
};

export interface CostRow {
  image: string;
  ingestMs: number;
  resizeMs: number;
  /** Where the durations come from. */
  source: string;
  dollarsPer1000: number;
}

export interface SweepRow {
  memoryMb: number;
  vcpu: number;
  resizeMs: number;
  dollarsPer1000: number;
  configured: boolean;
}

export interface CostResult {
  ingestMemoryMb: number;
  resizeMemoryMb: number;
  rows: CostRow[];
  /** Resize memory sizes for the largest image (modelled, see below). */
  sweep: SweepRow[];
  sweepImage: string;
  /** resize handler time outside the image work (S3, DynamoDB, SNS), ms, used by the sweep. */
  overheadMs: number;
}

/** $ for one invocation of `ms` at `memoryMb`, duration billed per started millisecond. */
export function invocationDollars(ms: number, memoryMb: number): number {
  return (Math.ceil(ms) / 1000) * (memoryMb / 1024) * PRICES.perGbSecond + PRICES.perRequest;
}

/**
 * Image work at `memoryMb`: Lambda's CPU share is memory / 1,769 MB vCPUs.
 * Below one vCPU the 1-CPU time stretches in proportion; between one and two
 * it moves linearly to the measured 2-CPU time; above two it is held at that
 * (the most this machine can show).
 */
export function imageMsAt(memoryMb: number, oneCpuMs: number, twoCpuMs: number): number {
  const vcpu = memoryMb / PRICES.mbPerVcpu;
  if (vcpu <= 1) return oneCpuMs / vcpu;
  if (vcpu >= 2) return twoCpuMs;
  return oneCpuMs - (oneCpuMs - twoCpuMs) * (vcpu - 1);
}

export function computeCost(
  renditions: RenditionsResult,
  functions: FunctionColdStart[],
  e2e: E2eResult | undefined,
): CostResult {
  const memoryOf = (name: string, fallback: number) =>
    functions.find((f) => f.name === name)?.memoryMb ?? e2e?.pipeline?.memoryMb[name] ?? fallback;
  const ingestMemoryMb = memoryOf('ingest', 1024);
  const resizeMemoryMb = memoryOf('resize', 2048);
  const measured = (fn: string, image: string) => {
    // The runtime's own measure of each handler call when it reports one, else its log lines.
    const stats = e2e?.pipeline?.perImage[image]?.[fn];
    if (stats && stats.invocations > 0) return stats.durationMs / stats.invocations;
    const runs = e2e?.handlerMs[fn]?.[image];
    return runs && runs.length > 0 ? median(runs) : undefined;
  };

  const rows: CostRow[] = renditions.images.map(({ image, columns }) => {
    const ingest = measured('ingest', image.name);
    const resize = measured('resize', image.name);
    const coreMs = columns.core.ok ? columns.core.ms : Number.NaN;
    const resizeMs = resize ?? coreMs;
    const ingestMs = ingest ?? Number.NaN;
    return {
      image: image.name,
      ingestMs,
      resizeMs,
      source:
        resize !== undefined
          ? 'handler durations, end to end at concurrency 1'
          : 'resize core only (no end-to-end run)',
      dollarsPer1000:
        1000 *
        (invocationDollars(resizeMs, resizeMemoryMb) +
          (Number.isFinite(ingestMs) ? invocationDollars(ingestMs, ingestMemoryMb) : 0)),
    };
  });

  const largest = renditions.images[0];
  const core = largest?.columns.core;
  const core1 = largest?.columns.core1;
  const twoCpu = core?.ok ? core.ms : Number.NaN;
  const oneCpu = core1?.ok ? core1.ms : twoCpu * 2;
  const handler = largest ? measured('resize', largest.image.name) : undefined;
  const overheadMs = handler !== undefined ? Math.max(0, handler - twoCpu) : 0;
  const sweep = [1024, 1536, 1769, 2048, 2560, 3008, 3538].map((memoryMb) => {
    const resizeMs = overheadMs + imageMsAt(memoryMb, oneCpu, twoCpu);
    return {
      memoryMb,
      vcpu: memoryMb / PRICES.mbPerVcpu,
      resizeMs,
      dollarsPer1000: 1000 * invocationDollars(resizeMs, memoryMb),
      configured: memoryMb === resizeMemoryMb,
    };
  });
  if (!sweep.some((row) => row.configured)) {
    const resizeMs = overheadMs + imageMsAt(resizeMemoryMb, oneCpu, twoCpu);
    sweep.push({
      memoryMb: resizeMemoryMb,
      vcpu: resizeMemoryMb / PRICES.mbPerVcpu,
      resizeMs,
      dollarsPer1000: 1000 * invocationDollars(resizeMs, resizeMemoryMb),
      configured: true,
    });
    sweep.sort((a, b) => a.memoryMb - b.memoryMb);
  }
  return {
    ingestMemoryMb,
    resizeMemoryMb,
    rows,
    sweep,
    sweepImage: largest?.image.name ?? 'n/a',
    overheadMs,
  };
}
