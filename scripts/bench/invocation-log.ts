/**
 * The local runtime's per-invocation measurements (startRuntime's
 * `onInvocation`, scripts/local/lambda/invocation-stats.ts), kept for the
 * pipeline rows of the report: per image, what every function that touched
 * it read from S3 and spent in CPU and billed time; per function, how many
 * execution environments ran at once.
 */

/**
 * What the bench reads of one InvocationStats. Only `functionName` and
 * `durationMs` are required, so the bench compiles and reports "n/a" for a
 * field whichever version of the runtime it runs against.
 */
export interface InvocationSample {
  functionName: string;
  durationMs: number;
  cpuMs?: number;
  s3BytesRead?: number;
  records?: number;
  ok?: boolean;
  coldStart?: boolean;
  imageIds?: string[];
  /** When the bench received it (Date.now()); the invocation ran from endedAt - durationMs. */
  endedAt: number;
}

/** Sums over invocations, for one function (and, per image, one image). */
export interface FunctionUsage {
  invocations: number;
  /** Messages in those invocations' batches (SQS deliveries). */
  records: number;
  durationMs: number;
  /** Undefined when the runtime did not measure it (an older runtime). */
  cpuMs: number | undefined;
  s3BytesRead: number | undefined;
}

/** Collects samples; `mark()` and `since(mark)` cut out what one level produced. */
export class InvocationLog {
  readonly samples: InvocationSample[] = [];

  /** The listener for startRuntime's `onInvocation`. */
  readonly listener = (stats: Omit<InvocationSample, 'endedAt'>): void => {
    this.samples.push({ ...stats, endedAt: Date.now() });
  };

  mark(): number {
    return this.samples.length;
  }

  since(mark: number): InvocationSample[] {
    return this.samples.slice(mark);
  }

  /** Resolves once no invocation has ended for `quietMs` (or after `maxMs`): the tail of a level settles. */
  async settle(quietMs: number, maxMs: number): Promise<void> {
    const deadline = Date.now() + maxMs;
    for (;;) {
      const last = this.samples.at(-1)?.endedAt ?? 0;
      const wait = last + quietMs - Date.now();
      if (wait <= 0 || Date.now() >= deadline) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, deadline - Date.now())));
    }
  }
}

const emptyUsage = (): FunctionUsage => ({
  invocations: 0,
  records: 0,
  durationMs: 0,
  cpuMs: 0,
  s3BytesRead: 0,
});

/** Adds `share` of `sample` to `usage` (a batch about k images gives each 1/k). */
function addShare(usage: FunctionUsage, sample: InvocationSample, share: number): void {
  usage.invocations += share;
  usage.records += (sample.records ?? 0) * share;
  usage.durationMs += sample.durationMs * share;
  usage.cpuMs =
    usage.cpuMs === undefined || sample.cpuMs === undefined ? undefined : usage.cpuMs + sample.cpuMs * share;
  usage.s3BytesRead =
    usage.s3BytesRead === undefined || sample.s3BytesRead === undefined
      ? undefined
      : usage.s3BytesRead + sample.s3BytesRead * share;
}

function divide(usage: FunctionUsage, by: number): FunctionUsage {
  return {
    invocations: usage.invocations / by,
    records: usage.records / by,
    durationMs: usage.durationMs / by,
    cpuMs: usage.cpuMs === undefined ? undefined : usage.cpuMs / by,
    s3BytesRead: usage.s3BytesRead === undefined ? undefined : usage.s3BytesRead / by,
  };
}

/** Per image name, per function: the mean per upload of that image. */
export type PerImageUsage = Record<string, Record<string, FunctionUsage>>;

/**
 * Attributes `samples` to the uploads in `uploads` (imageId -> image name):
 * an invocation about k of them gives each 1/k; one about none of them is
 * left out (`unattributed`, per function, summed). Each image's sums are
 * divided by its number of uploads, so the result is per upload.
 */
export function usagePerImage(
  samples: InvocationSample[],
  uploads: Map<string, string>,
): { perImage: PerImageUsage; unattributed: Record<string, FunctionUsage> } {
  const sums: PerImageUsage = {};
  const unattributed: Record<string, FunctionUsage> = {};
  for (const sample of samples) {
    const names = (sample.imageIds ?? []).flatMap((id) => {
      const name = uploads.get(id);
      return name ? [name] : [];
    });
    if (names.length === 0) {
      unattributed[sample.functionName] ??= emptyUsage();
      addShare(unattributed[sample.functionName] as FunctionUsage, sample, 1);
      continue;
    }
    for (const name of names) {
      const byFunction = sums[name] ?? {};
      sums[name] = byFunction;
      byFunction[sample.functionName] ??= emptyUsage();
      addShare(byFunction[sample.functionName] as FunctionUsage, sample, 1 / names.length);
    }
  }
  const count = new Map<string, number>();
  for (const name of uploads.values()) count.set(name, (count.get(name) ?? 0) + 1);
  const perImage: PerImageUsage = {};
  for (const [name, byFunction] of Object.entries(sums)) {
    perImage[name] = Object.fromEntries(
      Object.entries(byFunction).map(([fn, usage]) => [fn, divide(usage, count.get(name) ?? 1)]),
    );
  }
  return { perImage, unattributed };
}

/** Sum over functions of one image's usage: undefined when any function's value is unmeasured. */
export function totalOf(
  byFunction: Record<string, FunctionUsage> | undefined,
  field: 'cpuMs' | 's3BytesRead' | 'durationMs',
): number | undefined {
  if (!byFunction || Object.keys(byFunction).length === 0) return undefined;
  let total = 0;
  for (const usage of Object.values(byFunction)) {
    const value = usage[field];
    if (value === undefined) return undefined;
    total += value;
  }
  return total;
}

/** How many environments each function used in `samples`. */
export interface EnvironmentsUsed {
  /** Most invocations of the function running at the same moment. */
  peak: number;
  /** Cold starts (environments created) among the samples; undefined when the runtime does not say. */
  created: number | undefined;
}

/**
 * Per function, the most invocations that overlapped in time (each ran from
 * endedAt - durationMs to endedAt) and the cold starts: the environments
 * the local runtime used, since an environment runs one invocation at a time.
 */
export function environmentsUsed(samples: InvocationSample[]): Record<string, EnvironmentsUsed> {
  const byFunction = new Map<string, InvocationSample[]>();
  for (const sample of samples) {
    byFunction.set(sample.functionName, [...(byFunction.get(sample.functionName) ?? []), sample]);
  }
  const result: Record<string, EnvironmentsUsed> = {};
  for (const [fn, list] of byFunction) {
    // Ends sort before starts at the same instant: back-to-back invocations share one environment.
    const edges = list
      .flatMap((s) => [
        { at: s.endedAt - s.durationMs, delta: 1 },
        { at: s.endedAt, delta: -1 },
      ])
      .sort((a, b) => a.at - b.at || a.delta - b.delta);
    let running = 0;
    let peak = 0;
    for (const edge of edges) {
      running += edge.delta;
      peak = Math.max(peak, running);
    }
    const known = list.some((s) => s.coldStart !== undefined);
    result[fn] = { peak, created: known ? list.filter((s) => s.coldStart).length : undefined };
  }
  return result;
}
