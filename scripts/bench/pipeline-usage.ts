/**
 * What one image costs the pipeline, from the concurrency-1 measurements:
 * every function's invocations, billed ms, CPU ms and S3 bytes, and the
 * billable requests (the call logs for what the functions asked of AWS, the
 * invocation stats for what the event source mappings did).
 */
import type { CallCounts } from './call-log.ts';
import { type FunctionUsage, totalOf } from './invocation-log.ts';
import { type LambdaUse, OUTSIDE_FUNCTIONS, type PipelineUsage } from './pipeline-cost.ts';
import type { PipelineMeasure } from './pipeline-measure.ts';
import { addUnits, NO_UNITS, type RequestUnits, unitsOfCall } from './request-prices.ts';

/**
 * One image's usage per function: what was attributed to its uploads, plus
 * an even share of what no upload claimed (e.g. a counters function fed by
 * renditions-bucket events), so every invocation of the level is counted once.
 */
export function functionsOfImage(
  measure: PipelineMeasure,
  image: string,
): Record<string, FunctionUsage> | undefined {
  const own = measure.perImage[image];
  if (!own) return undefined;
  const result: Record<string, FunctionUsage> = { ...own };
  for (const [fn, usage] of Object.entries(measure.unattributed)) {
    const share = scale(usage, 1 / Math.max(1, measure.uploads));
    const mine = result[fn];
    result[fn] = mine ? sum(mine, share) : share;
  }
  return result;
}

function scale(u: FunctionUsage, by: number): FunctionUsage {
  return {
    invocations: u.invocations * by,
    records: u.records * by,
    durationMs: u.durationMs * by,
    cpuMs: u.cpuMs === undefined ? undefined : u.cpuMs * by,
    s3BytesRead: u.s3BytesRead === undefined ? undefined : u.s3BytesRead * by,
  };
}

function sum(a: FunctionUsage, b: FunctionUsage): FunctionUsage {
  const add = (x: number | undefined, y: number | undefined) =>
    x === undefined || y === undefined ? undefined : x + y;
  return {
    invocations: a.invocations + b.invocations,
    records: a.records + b.records,
    durationMs: a.durationMs + b.durationMs,
    cpuMs: add(a.cpuMs, b.cpuMs),
    s3BytesRead: add(a.s3BytesRead, b.s3BytesRead),
  };
}

/**
 * Billable requests per upload of the level: the functions' recorded calls
 * (all uploads together, divided by their number: the calls do not depend
 * on the image), one ReceiveMessage and one DeleteMessageBatch per
 * invocation, one SQS delivery per message (counted: whether SQS bills the
 * SendMessage of an SNS delivery is not stated on the pricing pages; it is
 * counted alike in today's figure), and what happens outside any function.
 * Undefined without a call log.
 */
export function requestsPerImage(
  measure: PipelineMeasure,
  functions: Record<string, FunctionUsage>,
): RequestUnits | undefined {
  if (!measure.calls) return undefined;
  return addUnits(
    addUnits(
      addUnits(NO_UNITS, OUTSIDE_FUNCTIONS),
      callUnits(measure.calls),
      1 / Math.max(1, measure.uploads),
    ),
    { sqs: Object.values(functions).reduce((n, u) => n + 2 * u.invocations + u.records, 0) },
  );
}

/** Billing units of recorded calls, all functions together. */
export function callUnits(calls: CallCounts): RequestUnits {
  let units = NO_UNITS;
  for (const byOp of Object.values(calls)) {
    for (const [key, { calls: n, items }] of Object.entries(byOp)) {
      const [service = '', operation = ''] = key.split(':');
      // `items` counts IAM requests over all `n` calls: per call, the mean.
      units = addUnits(units, unitsOfCall(service, operation, items / n), n);
    }
  }
  return units;
}

/** One image's usage for the cost model; undefined when a part was not measured. */
export function usageOfImage(measure: PipelineMeasure, image: string): PipelineUsage | undefined {
  const functions = functionsOfImage(measure, image);
  if (!functions) return undefined;
  const requests = requestsPerImage(measure, functions);
  if (!requests) return undefined;
  const lambda: LambdaUse[] = Object.entries(functions).map(([fn, u]) => ({
    fn,
    memoryMb: measure.memoryMb[fn] ?? 128,
    invocations: u.invocations,
    ms: u.durationMs,
  }));
  return { lambda, requests };
}

/** CPU ms and S3 bytes of one image over every function; undefined when unmeasured. */
export function imageTotals(
  measure: PipelineMeasure | undefined,
  image: string,
): {
  cpuMs: number | undefined;
  s3Bytes: number | undefined;
  functions: Record<string, FunctionUsage> | undefined;
} {
  const functions = measure ? functionsOfImage(measure, image) : undefined;
  return { cpuMs: totalOf(functions, 'cpuMs'), s3Bytes: totalOf(functions, 's3BytesRead'), functions };
}
