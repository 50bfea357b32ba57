/**
 * Section 1: the full rendition set (4 widths x JPEG and WebP) per image,
 * made by the resize core and by the alternatives, interleaved round by
 * round so background load hits every column alike; medians per column.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ENCODER_SETTINGS } from '../../packages/imaging/src/encoders.ts';
import { CLASSIC_RENDITION_SPECS, RENDITION_WIDTHS } from '../../packages/imaging/src/index.ts';
import type { BenchImage } from './inputs.ts';
import { LineWorker } from './line-worker.ts';
import { BENCH_TMP, HERE } from './paths.ts';
import { median } from './stats.ts';
import { findPillow, findVipsthumbnail, hasTaskset, type Tool } from './tools.ts';

/** The columns, in report order. */
export const METHODS = ['core', 'naive', 'pillow', 'vips', 'floor'] as const;
export type Method = (typeof METHODS)[number];

export const METHOD_LABELS: Record<Method | 'core1', string> = {
  core: 'resize core',
  naive: '(a) sharp, decode per rendition',
  pillow: '(b) Pillow per rendition',
  vips: '(c) vipsthumbnail per rendition',
  floor: '(d) floor: sharp decode only',
  core1: 'resize core, 1 CPU',
};

interface Sample {
  ms: number;
  cpuMs: number;
  bytes: number;
}

/** Medians of one column for one image, or why it was not measured. */
export type Column =
  | { ok: true; ms: number; cpuMs: number; bytes: number; runs: number[] }
  | { ok: false; note: string };

export interface ImageRenditions {
  image: BenchImage;
  columns: Record<Method | 'core1', Column>;
}

export interface RenditionsResult {
  iterations: number;
  images: ImageRenditions[];
  tools: { pillow: Tool; vips: Tool; taskset: boolean };
}

type Answer = Partial<Sample> & { error?: string };

/**
 * Runs every column on every image: one warm-up run each, then `iterations`
 * rounds. The core also runs pinned to one CPU (taskset) for the cost model.
 */
export async function benchRenditions(
  images: BenchImage[],
  workerFile: string,
  iterations: number,
  log: (line: string) => void,
): Promise<RenditionsResult> {
  const pillow = findPillow();
  const vips = findVipsthumbnail();
  const taskset = hasTaskset();
  const node = new LineWorker(process.execPath, [workerFile]);
  const pinned = taskset ? new LineWorker('taskset', ['-c', '0', process.execPath, workerFile]) : undefined;
  const python = pillow.ok
    ? new LineWorker(pillow.command, [path.join(HERE, 'workers', 'pillow_worker.py')])
    : undefined;
  const widths = Object.values(RENDITION_WIDTHS);
  const pillowRequest = {
    widths,
    jpeg: { quality: ENCODER_SETTINGS.jpeg.quality },
    webp: { quality: ENCODER_SETTINGS.webp.quality, method: ENCODER_SETTINGS.webp.effort },
  };

  const runOnce = async (column: Method | 'core1', image: BenchImage): Promise<Answer> => {
    switch (column) {
      case 'core':
      case 'naive':
      case 'floor':
        return node.request({ method: column, file: image.file });
      case 'core1':
        return (pinned as LineWorker).request({ method: 'core', file: image.file });
      case 'pillow':
        return (python as LineWorker).request({ ...pillowRequest, file: image.file });
      case 'vips':
        return runVipsthumbnail(image);
    }
  };

  const results: ImageRenditions[] = [];
  try {
    for (const image of images) {
      const active: (Method | 'core1')[] = [
        ...METHODS.filter((m) => (m === 'pillow' ? pillow.ok : m === 'vips' ? vips.ok : true)),
        ...(taskset ? (['core1'] as const) : []),
      ];
      const samples = new Map<Method | 'core1', Sample[]>(active.map((m) => [m, []]));
      const errors = new Map<Method | 'core1', string>();
      for (let round = 0; round <= iterations; round++) {
        for (const column of active) {
          if (errors.has(column)) continue;
          const answer = await runOnce(column, image);
          if (answer.error) errors.set(column, answer.error);
          else if (round > 0) samples.get(column)?.push(answer as Sample);
        }
      }
      const columns = {} as Record<Method | 'core1', Column>;
      for (const column of [...METHODS, 'core1'] as const) {
        const runs = samples.get(column);
        const error = errors.get(column);
        if (error) columns[column] = { ok: false, note: `failed: ${error}` };
        else if (!runs) columns[column] = { ok: false, note: skippedNote(column, pillow, vips) };
        else
          columns[column] = {
            ok: true,
            ms: median(runs.map((r) => r.ms)),
            cpuMs: median(runs.map((r) => r.cpuMs)),
            bytes: median(runs.map((r) => r.bytes)),
            runs: runs.map((r) => r.ms),
          };
      }
      results.push({ image, columns });
      const core = columns.core;
      log(`  ${image.name}: core ${core.ok ? `${Math.round(core.ms)} ms` : core.note}`);
    }
  } finally {
    await Promise.all([node.close(), pinned?.close(), python?.close()]);
  }
  return { iterations, images: results, tools: { pillow, vips, taskset } };
}

function skippedNote(column: Method | 'core1', pillow: Tool, vips: Tool): string {
  if (column === 'pillow' && !pillow.ok) return pillow.note;
  if (column === 'vips' && !vips.ok) return vips.note;
  if (column === 'core1') return 'taskset is not available';
  return 'not measured';
}

/** (c): `vipsthumbnail` once per rendition, one after another, as a shell loop would. */
function runVipsthumbnail(image: BenchImage): Answer {
  const outdir = path.join(BENCH_TMP, 'vipsthumbnail');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const { jpeg, webp } = ENCODER_SETTINGS;
  const started = performance.now();
  const outputs: string[] = [];
  for (const spec of CLASSIC_RENDITION_SPECS) {
    const output = path.join(outdir, `${spec.name}.${spec.ext}`);
    const options =
      spec.format === 'jpeg'
        ? `[Q=${jpeg.quality},strip,optimize_coding,interlace]`
        : `[Q=${webp.quality},strip,effort=${webp.effort}]`;
    const run = spawnSync(
      'vipsthumbnail',
      [image.file, '--size', `${spec.width}x`, '-o', `${output}${options}`],
      {
        encoding: 'utf8',
      },
    );
    if (run.status !== 0) return { error: `vipsthumbnail: ${run.stderr.trim().split('\n')[0]}` };
    outputs.push(output);
  }
  const ms = performance.now() - started;
  const bytes = outputs.reduce((sum, file) => sum + statSync(file).size, 0);
  // spawnSync reports no child CPU time; the tables use wall time.
  return { ms, cpuMs: Number.NaN, bytes };
}
