/**
 * `make bench`: the resize core against the alternatives, the local
 * pipeline end to end, cold start and size, memory and cost, in one run;
 * writes bench/results/<date>.md + .svg and bench/results/LATEST.md.
 *
 * Options (or environment): --images <folder> (IMAGES), --smoke (BENCH_SMOKE=1:
 * generated small images, one iteration, no end to end unless
 * BENCH_SMOKE_E2E=1, report under bench/tmp/smoke/, checked for every
 * section), --iterations <n> (BENCH_ITERATIONS, default 7), --skip-e2e
 * (BENCH_SKIP_E2E=1), --only <sections> (BENCH_ONLY: comma-separated, of renditions, e2e,
 * cold-start, memory, encoders, features; the report then goes to bench/tmp/only/, and LATEST.md
 * is left alone). Expects built functions (scripts/bench/run.sh builds them).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configureSharp, RENDITION_WIDTHS } from '../../packages/imaging/src/index.ts';
import type { BenchRun, Skippable } from './bench-run.ts';
import { bundleWorkers } from './bundle-workers.ts';
import { renditionsChart } from './chart.ts';
import { benchColdStart } from './cold-start.ts';
import { computeCost } from './cost.ts';
import { benchEndToEnd, type E2eResult } from './e2e.ts';
import { benchEncoders } from './encoder-tradeoff.ts';
import { benchFeatures, type FeaturesResult } from './features.ts';
import { type BenchImage, findImages } from './inputs.ts';
import { benchMemory } from './memory.ts';
import { BENCH_TMP, REPO_ROOT, RESULTS_DIR } from './paths.ts';
import { benchRenditions, type RenditionsResult } from './renditions.ts';
import { REQUIRED_SECTIONS, renderReport } from './report.ts';
import { checkTargets } from './targets.ts';
import { describeCommit, describeMachine } from './tools.ts';

const started = Date.now();
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({
  options: {
    images: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    iterations: { type: 'string' },
    'skip-e2e': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const SECTIONS = ['renditions', 'e2e', 'cold-start', 'memory', 'encoders', 'features'] as const;
const onlyText = values.only ?? process.env.BENCH_ONLY;
const only = onlyText
  ?.split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of only ?? []) {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    throw new Error(`--only: unknown section "${name}" (one of ${SECTIONS.join(', ')})`);
  }
}
/** Whether section `name` runs (all of them unless --only names some). */
const wanted = (name: (typeof SECTIONS)[number]) => !only || only.includes(name);
const smoke = values.smoke || process.env.BENCH_SMOKE === '1';
const imagesFolder = values.images || process.env.IMAGES || undefined;
const iterations = Number(values.iterations ?? process.env.BENCH_ITERATIONS ?? (smoke ? 1 : 7));
if (!Number.isInteger(iterations) || iterations < 1) {
  throw new Error(
    `--iterations: must be a whole number ≥ 1, got ${values.iterations ?? process.env.BENCH_ITERATIONS}`,
  );
}
const e2eLevels: [number, number][] = smoke
  ? [[1, 2]]
  : [
      [1, 8],
      [4, 16],
      [16, 32],
    ];
const skipE2e = values['skip-e2e'] || process.env.BENCH_SKIP_E2E === '1';
const e2eWanted = wanted('e2e') && (smoke ? process.env.BENCH_SMOKE_E2E === '1' && !skipE2e : !skipE2e);
const outDir = smoke ? path.join(BENCH_TMP, 'smoke') : only ? path.join(BENCH_TMP, 'only') : RESULTS_DIR;

const step = (text: string) => console.log(`▸ ${text}`);
const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
/** 1-minute load average when each section started and ended: the machine is shared, and this says how much. */
const loads: [section: string, start: number, end: number][] = [];
async function timed<T>(section: string, label: string, work: () => Promise<T> | T): Promise<T> {
  step(label);
  const t0 = Date.now();
  const start = os.loadavg()[0] ?? 0;
  const result = await work();
  loads.push([section, start, os.loadavg()[0] ?? 0]);
  console.log(`  done in ${elapsed(t0)}`);
  return result;
}

async function main(): Promise<number> {
  configureSharp();
  const machine = describeMachine();
  const { images, source } = await findImages(imagesFolder, smoke);
  console.log(`bench${smoke ? ' (smoke)' : ''}: ${images.length} images from ${source}; ${machine}`);
  const workers = await bundleWorkers();

  const renditions = wanted('renditions')
    ? await timed('renditions', `renditions: ${iterations} round(s) × ${images.length} image(s)`, () =>
        benchRenditions(images, workers.rendition, iterations, console.log),
      )
    : skippedRenditions(images);
  const { e2e, failed: e2eFailed } = await endToEnd(images);
  let failed = e2eFailed;
  const coldStart = wanted('cold-start')
    ? await timed('cold start', 'cold start and size', () => benchColdStart(smoke ? 2 : 11))
    : [];
  const memory = wanted('memory')
    ? await timed('memory', 'memory (fresh process per image)', () =>
        benchMemory(images, workers.rss, smoke ? 1 : 3),
      )
    : [];
  const largest = images[0];
  const widths = [RENDITION_WIDTHS.large, RENDITION_WIDTHS.small];
  const encoders = !wanted('encoders')
    ? { ok: false as const, note: 'not in --only' }
    : largest
      ? await timed('encoders', `encoder settings (${largest.name})`, async () => ({
          ok: true as const,
          value: { image: largest.name, widths, rows: await benchEncoders(largest, widths, smoke ? 1 : 3) },
        }))
      : { ok: false as const, note: 'no image' };
  const features = await featureCosts(images, workers);
  const cost = computeCost(renditions, coldStart, e2e.ok ? e2e.value : undefined);

  const date = new Date().toISOString().slice(0, 10);
  const run: BenchRun = {
    date,
    smoke,
    commit: describeCommit(REPO_ROOT),
    machine,
    loads,
    imagesSource: source,
    durationMs: Date.now() - started,
    chartFile: `${date}.svg`,
    renditions,
    e2e,
    coldStart,
    memory,
    cost,
    encoders,
    features,
  };
  const { reportFile, chartFile } = writeReport(run);
  if (smoke) failed = !verifySmokeReport(reportFile, chartFile) || failed;
  // A handler that cannot load in a fresh process with the deployed environment would fail its first
  // Lambda invocation too: the smoke fails on it, so a new environment variable cannot slip by.
  const broken = coldStart.filter((f) => f.note?.startsWith('import failed'));
  for (const f of broken) console.error(`✖ ${f.name}: ${f.note}`);
  if (broken.length > 0) failed = true;
  console.log(`bench finished in ${elapsed(started)}`);
  return failed ? 1 : 0;
}

/** The end-to-end section, or why it did not run; a failure is printed and fails the run. */
async function endToEnd(images: BenchImage[]): Promise<{ e2e: Skippable<E2eResult>; failed: boolean }> {
  if (!e2eWanted) {
    const note = !wanted('e2e')
      ? 'not in --only'
      : smoke
        ? 'smoke mode (BENCH_SMOKE_E2E=1 runs 2 uploads)'
        : '--skip-e2e';
    return { e2e: { ok: false, note }, failed: false };
  }
  let failed = false;
  const e2e = await timed(
    'end to end',
    'end to end (moto + terraform/envs/local + local runtime)',
    async () => {
      try {
        return { ok: true as const, value: await benchEndToEnd(images, e2eLevels, console.log) };
      } catch (error) {
        failed = true;
        console.error(`  ✖ end to end failed: ${(error as Error).message}`);
        return { ok: false as const, note: `failed: ${(error as Error).message.split('\n')[0]}` };
      }
    },
  );
  return { e2e, failed };
}

/** Section 8, or why it did not run: a few rounds only (AVIF on 18 MP costs seconds a round), ~90 s of CPU on the bench photos. */
async function featureCosts(
  images: BenchImage[],
  workers: { features: string; rss: string },
): Promise<Skippable<FeaturesResult>> {
  if (!wanted('features')) return { ok: false, note: 'not in --only' };
  const rounds = Math.min(iterations, 3);
  return {
    ok: true,
    value: await timed(
      'features',
      `image features: ${rounds} round(s) × ${images.length} image(s) + a HEIC`,
      // The smoke run (make test) decodes the committed fixture: encoding a phone-size HEIC takes tens of seconds.
      () => benchFeatures(images, workers, rounds, console.log, !smoke),
    ),
  };
}

/** Writes the report and its chart (and LATEST.md after a full run), then prints the targets. */
function writeReport(run: BenchRun): { reportFile: string; chartFile: string } {
  mkdirSync(outDir, { recursive: true });
  const reportFile = path.join(outDir, `${run.date}.md`);
  const chartFile = path.join(outDir, `${run.date}.svg`);
  writeFileSync(
    chartFile,
    renditionsChart(run.renditions, `Rendition set, ms per image (${run.date}, lower is better)`),
  );
  writeFileSync(reportFile, renderReport(run));
  if (!smoke && !only) copyFileSync(reportFile, path.join(outDir, 'LATEST.md'));

  console.log(`\nreport: ${path.relative(process.cwd(), reportFile)} (+ ${path.basename(chartFile)})`);
  for (const check of smoke ? [] : checkTargets(run)) {
    const mark = check.holds === undefined ? '–' : check.holds ? '✔' : '✖';
    console.log(`  ${mark} ${check.target}: ${check.measured}`);
  }
  return { reportFile, chartFile };
}

/** The renditions section when --only leaves it out: every column "not in --only". */
function skippedRenditions(images: BenchImage[]): RenditionsResult {
  const note = { ok: false as const, note: 'not in --only' };
  const columns = { core: note, naive: note, pillow: note, vips: note, floor: note, core1: note };
  return {
    iterations: 0,
    images: images.map((image) => ({ image, columns })),
    tools: { pillow: note, vips: note, taskset: false },
  };
}

/** The smoke run checks that the report exists with every section, not what it measured. */
function verifySmokeReport(reportFile: string, chartFile: string): boolean {
  const text = existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : '';
  const missing = REQUIRED_SECTIONS.filter((heading) => !text.includes(`\n${heading}\n`));
  if (!existsSync(chartFile) || !readFileSync(chartFile, 'utf8').startsWith('<svg'))
    missing.push('the SVG chart');
  if (missing.length > 0) {
    console.error(`✖ bench smoke: ${reportFile} lacks ${missing.join(', ')}`);
    return false;
  }
  console.log(`✔ bench smoke: report written with all ${REQUIRED_SECTIONS.length} sections and the chart`);
  return true;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`✖ bench failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
