/**
 * Section 7 of the report: the pipeline around the resize core, per image
 * at concurrency 1 (S3 bytes, CPU over every function, upload-to-PROCESSED
 * against the core alone), throughput at every level with the environments
 * the runtime used, and dollars per 1,000 images with every request.
 */
import type { BenchRun } from './bench-run.ts';
import type { E2eResult } from './e2e.ts';
import { pipelineCostRows } from './pipeline-cost-section.ts';
import { imageTotals } from './pipeline-usage.ts';
import { fmt, percentile } from './stats.ts';

export const PIPELINE_HEADING = '## 7. Pipeline';

const MB = 1_000_000;
const KIB = 1024;

/** "1.23 MB" or "240 KiB" for bytes read; "n/a" when unmeasured. */
export function bytesText(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return 'n/a';
  return bytes >= MB ? `${fmt(bytes / MB, 2)} MB` : `${fmt(bytes / KIB)} KiB`;
}

export function pipelineSection(run: BenchRun): string[] {
  const head = [PIPELINE_HEADING, ''];
  if (!run.e2e.ok) return [...head, `Skipped: the end-to-end run did not run (${run.e2e.note}).`, ''];
  const e2e = run.e2e.value;
  if (!e2e.pipeline?.statsSeen) {
    return [
      ...head,
      'n/a: the local runtime reported no invocation stats (startRuntime `onInvocation`), so bytes, CPU and cost per image were not measured.',
      '',
      ...throughputRows(e2e),
    ];
  }
  return [
    ...head,
    ...perImageRows(run, e2e),
    ...perFunctionRows(run, e2e),
    ...throughputRows(e2e),
    ...pipelineCostRows(run, e2e),
  ];
}

function perImageRows(run: BenchRun, e2e: E2eResult): string[] {
  const measure = e2e.pipeline;
  const level1 = e2e.levels.find((l) => l.concurrency === 1);
  return [
    `Per image at concurrency 1 (${measure?.uploads ?? 0} uploads; means per upload). **S3 bytes**: GetObject bodies received by every function that touched the image. ` +
      "**CPU ms**: user + system CPU of every invocation about the image (each function's process, all threads), summed over the functions; " +
      'an invocation about no upload of the level is shared evenly among them. **core**: section 1, from a Buffer in memory.',
    '',
    '| image | S3 bytes read | by function | CPU ms, all functions | core CPU ms | ÷ core | upload-to-PROCESSED p50 | core ms | − core | ÷ core |',
    '|---|--:|---|--:|--:|--:|--:|--:|--:|--:|',
    ...run.renditions.images.map(({ image, columns }) => {
      const totals = imageTotals(measure, image.name);
      const core = columns.core.ok ? columns.core : undefined;
      const runs = level1?.byImage[image.name] ?? [];
      const p50 = runs.length ? percentile(runs, 50) : Number.NaN;
      const cpuRatio = totals.cpuMs !== undefined && core ? `${fmt(totals.cpuMs / core.cpuMs, 2)}×` : 'n/a';
      return `| ${[
        image.name,
        bytesText(totals.s3Bytes),
        byFunction(totals.functions),
        totals.cpuMs === undefined ? 'n/a' : fmt(totals.cpuMs),
        core ? fmt(core.cpuMs) : 'n/a',
        cpuRatio,
        fmt(p50),
        core ? fmt(core.ms) : 'n/a',
        core ? `${p50 - core.ms >= 0 ? '+' : ''}${fmt(p50 - core.ms)}` : 'n/a',
        core ? `${fmt(p50 / core.ms, 2)}×` : 'n/a',
      ].join(' | ')} |`;
    }),
    '',
  ];
}

/** "ingest 240 KiB, resize 16.38 MB": the functions that read anything. */
function byFunction(functions: Record<string, { s3BytesRead: number | undefined }> | undefined): string {
  const parts = Object.entries(functions ?? {})
    .filter(([, u]) => u.s3BytesRead === undefined || u.s3BytesRead > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([fn, u]) => `${fn} ${bytesText(u.s3BytesRead)}`);
  return parts.length > 0 ? parts.join(', ') : '–';
}

function perFunctionRows(run: BenchRun, e2e: E2eResult): string[] {
  const measure = e2e.pipeline;
  const largest = run.renditions.images[0]?.image.name ?? 'n/a';
  const functions = imageTotals(measure, largest).functions ?? {};
  return [
    `Per function for ${largest} (concurrency 1, per upload): invocations, handler ms, CPU ms and S3 bytes read, at the memory in its function.json.`,
    '',
    '| function | memory MB | invocations | handler ms | CPU ms | S3 bytes read |',
    '|---|--:|--:|--:|--:|--:|',
    ...Object.entries(functions)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([fn, u]) =>
          `| ${fn} | ${fmt(measure?.memoryMb[fn] ?? Number.NaN)} | ${fmt(u.invocations, 2)} | ${fmt(u.durationMs)} | ${u.cpuMs === undefined ? 'n/a' : fmt(u.cpuMs)} | ${bytesText(u.s3BytesRead)} |`,
      ),
    '',
  ];
}

/** Images per minute and p95 at each level, and the execution environments each function ran at once. */
export function throughputRows(e2e: E2eResult): string[] {
  const fns = [...new Set(e2e.levels.flatMap((l) => Object.keys(l.environments ?? {})))].sort();
  const envCell = (l: E2eResult['levels'][number], fn: string) => {
    const used = l.environments?.[fn];
    if (!used) return '–';
    return used.created === undefined ? `${used.peak}` : `${used.peak} (${used.created} new)`;
  };
  return [
    'Throughput with the local runtime (closed loop, section 2). Environments: the most invocations of a function that ran at the same time at that level (an environment runs one at a time), and how many environments the level started.',
    '',
    `| concurrency | images / min | p95 ms |${fns.map((fn) => ` ${fn} |`).join('')}`,
    `|--:|--:|--:|${fns.map(() => '--:|').join('')}`,
    ...e2e.levels.map(
      (l) =>
        `| ${l.concurrency} | ${fmt(l.imagesPerMinute, 1)} | ${fmt(l.p95Ms)} |${fns.map((fn) => ` ${envCell(l, fn)} |`).join('')}`,
    ),
    '',
  ];
}

/** Most environments any function used at any level; 0 without stats. */
export function mostEnvironments(e2e: E2eResult): number {
  return Math.max(0, ...e2e.levels.flatMap((l) => Object.values(l.environments ?? {}).map((e) => e.peak)));
}
