/**
 * The Markdown report: one section per part of the benchmark, then the
 * targets with what this run measured.
 */
import os from 'node:os';
import type { BenchRun } from './bench-run.ts';
import { PRICES } from './cost.ts';
import type { E2eResult } from './e2e.ts';
import { FEATURES_HEADING, featuresSection } from './features-section.ts';
import { mostEnvironments, PIPELINE_HEADING, pipelineSection } from './pipeline-section.ts';
import type { Column } from './renditions.ts';
import { fmt, percentile } from './stats.ts';
import { targetsSection } from './targets.ts';

/** Headings every report has; the smoke run checks them. */
export const REQUIRED_SECTIONS = [
  '## 1. Renditions',
  '## 2. End to end',
  '## 3. Cold start and size',
  '## 4. Memory',
  '## 5. Cost',
  '## 6. Encoder settings',
  PIPELINE_HEADING,
  FEATURES_HEADING,
  '## Targets',
];

const MB = 1_000_000;
const ms = (column: Column) => (column.ok ? fmt(column.ms) : '–');
const ratio = (a: Column, b: Column) => (a.ok && b.ok ? `${fmt(a.ms / b.ms, 2)}×` : '–');
const kib = (bytes: number) => fmt(bytes / 1024);

export function renderReport(run: BenchRun): string {
  return [
    `# Benchmark ${run.date}${run.smoke ? ' (smoke run: timings mean nothing)' : ''}`,
    '',
    `Commit ${run.commit}; ${run.machine}. Images: ${run.imagesSource}. ` +
      `Medians of ${run.renditions.iterations} interleaved runs after a warm-up; ratios are within this run. ` +
      `Whole run ${fmt(run.durationMs / 60_000, 1)} min. Reproduce with \`make bench\` (\`IMAGES=<folder>\` for other images).`,
    '',
    `The machine (2 CPUs) is shared; 1-minute load average at the start → end of each section: ${run.loads.map(([section, start, end]) => `${section} ${fmt(start, 1)} → ${fmt(end, 1)}`).join(', ')}. ` +
      'Background load raises core ÷ floor (the core encodes on both CPUs, the floor decodes on one; the 1-CPU column shows the worst case) ' +
      'and the absolute times and end-to-end latencies; sizes, memory and the ratios to (a), (b), (c) move little.',
    '',
    ...renditionsSection(run),
    ...e2eSection(run),
    ...coldStartSection(run),
    ...memorySection(run),
    ...costSection(run),
    ...encoderSection(run),
    ...pipelineSection(run),
    ...featuresSection(run),
    ...targetsSection(run),
  ].join('\n');
}

function renditionsSection(run: BenchRun): string[] {
  const { images, tools } = run.renditions;
  const skipped = [
    tools.pillow.ok ? '' : `(b) skipped: ${tools.pillow.note}.`,
    tools.vips.ok ? '' : `(c) skipped: ${tools.vips.note}.`,
  ].filter(Boolean);
  return [
    '## 1. Renditions',
    '',
    'The classic set of eight renditions (150, 480, 1024, 2048 px wide × JPEG and WebP: the pre-profile set; the default profile adds a 320 px smart-crop square in both), ms per image, from a Buffer in memory.',
    '',
    '- **resize core**: `makeRenditions` (decode once, shrink-on-load to 2048, each smaller width from the next larger).',
    '- **(a)** sharp, one pipeline per rendition from the original (`Promise.all`, shrink-on-load each time), same encoder settings.',
    `- **(b)** Pillow${tools.pillow.ok ? ` (${tools.pillow.version})` : ''}: per rendition open, \`thumbnail\` (draft mode), \`exif_transpose\`, save; same quality, \`optimize\`/\`progressive\` JPEG, WebP \`method\` = our effort; one after another.`,
    `- **(c)** \`vipsthumbnail\`${tools.vips.ok ? ` (${tools.vips.version})` : ''} once per rendition from the file, one after another (\`Q\`, \`strip\`, \`optimize_coding\`, \`interlace\` / \`effort\`).`,
    '- **(d)** the floor: sharp decoding the original to raw pixels at full size, nothing else.',
    '- **core, 1 CPU**: the core pinned to one CPU (`taskset -c 0`), as on a Lambda with 1,769 MB (one vCPU); feeds the cost model.',
    ...(skipped.length ? ['', ...skipped] : []),
    '',
    '| image | core | (a) | (b) | (c) | (d) floor | core ÷ floor | (a) ÷ core | (b) ÷ core | (c) ÷ core | core, 1 CPU |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...images.map(
      ({ image, columns: c }) =>
        `| ${[
          `${image.name} (${fmt((image.width * image.height) / 1e6, 1)} MP, ${fmt(image.bytes / MB, 1)} MB)`,
          ms(c.core),
          ms(c.naive),
          ms(c.pillow),
          ms(c.vips),
          ms(c.floor),
          ratio(c.core, c.floor),
          ratio(c.naive, c.core),
          ratio(c.pillow, c.core),
          ratio(c.vips, c.core),
          ms(c.core1),
        ].join(' | ')} |`,
    ),
    '',
    `![ms per image, per column](${run.chartFile})`,
    '',
    "Output of the 8 renditions, KiB (JPEG encoders differ: sharp has mozjpeg's quantisation table, Pillow and Debian's libvips plain libjpeg-turbo), and the core's CPU time:",
    '',
    '| image | core KiB | (a) KiB | (b) KiB | (c) KiB | core CPU ms |',
    '|---|--:|--:|--:|--:|--:|',
    ...images.map(
      ({ image, columns: c }) =>
        `| ${image.name} | ${[c.core, c.naive, c.pillow, c.vips].map((x) => (x.ok ? kib(x.bytes) : '–')).join(' | ')} | ${c.core.ok ? fmt(c.core.cpuMs) : '–'} |`,
    ),
    '',
  ];
}

function e2eSection(run: BenchRun): string[] {
  const head = ['## 2. End to end', ''];
  if (!run.e2e.ok) return [...head, `Skipped: ${run.e2e.note}.`, ''];
  const e2e = run.e2e.value;
  return [
    ...head,
    `Local stack (moto on port ${e2e.port}, terraform/envs/local, the local Lambda runtime; set up in ${fmt(e2e.setupMs / 1000, 1)} s). ` +
      'Resize runs the classic profile (the eight renditions of section 1; the features section prices the rest). ' +
      'Uploads with the S3 SDK cycle through the images above; latency is from the start of the PutObject to the record reading PROCESSED ' +
      `(polled every 100 ms). Concurrency N keeps N uploads in flight. ${environmentsSentence(e2e)}`,
    '',
    '| concurrency | uploads | p50 ms | p95 ms | max ms | images / min | PutObject p50 ms |',
    '|--:|--:|--:|--:|--:|--:|--:|',
    ...e2e.levels.map(
      (l) =>
        `| ${l.concurrency} | ${l.uploads} | ${fmt(l.p50Ms)} | ${fmt(l.p95Ms)} | ${fmt(l.maxMs)} | ${fmt(l.imagesPerMinute, 1)} | ${fmt(l.uploadMs)} |`,
    ),
    '',
    'Latency by image, median / max ms:',
    '',
    `| image | ${e2e.levels.map((l) => `concurrency ${l.concurrency}`).join(' | ')} |`,
    `|---|${e2e.levels.map(() => '--:').join('|')}|`,
    ...run.renditions.images.map(
      ({ image }) =>
        `| ${image.name} | ${e2e.levels
          .map((l) => {
            const runs = l.byImage[image.name] ?? [];
            return runs.length ? `${fmt(percentile(runs, 50))} / ${fmt(Math.max(...runs))}` : '–';
          })
          .join(' | ')} |`,
    ),
    '',
  ];
}

function coldStartSection(run: BenchRun): string[] {
  return [
    '## 3. Cold start and size',
    '',
    'Zips from `npx turbo run package` (sharp for linux-arm64 inside). Import: `await import(dist/index.mjs)` timed inside a fresh ' +
      '`node` process with the environment the handler reads at import (median of 11 runs, round robin over the functions); "process" is spawn to exit of that process.',
    '',
    '| function | sharp | zip MB | unzipped MB | import ms | process ms | note |',
    '|---|:-:|--:|--:|--:|--:|---|',
    ...run.coldStart.map(
      (f) =>
        `| ${f.name} | ${f.sharp ? 'yes' : 'no'} | ${f.zipBytes ? fmt(f.zipBytes / MB, 2) : '–'} | ${f.unzippedBytes ? fmt(f.unzippedBytes / MB, 2) : '–'} | ${f.importMs !== undefined ? fmt(f.importMs) : '–'} | ${f.processMs !== undefined ? fmt(f.processMs) : '–'} | ${f.note ?? ''} |`,
    ),
    '',
  ];
}

function memorySection(run: BenchRun): string[] {
  return [
    '## 4. Memory',
    '',
    'Peak RSS (`process.resourceUsage().maxRSS`, all threads) of a fresh node process that loads sharp, reads the image and makes its renditions once; ' +
      'baseline is the RSS before decoding; the last column only decodes at full size. Median of 3 processes.',
    '',
    '| image | baseline MB | peak MB, renditions | peak MB, decode only |',
    '|---|--:|--:|--:|',
    ...run.memory.map(
      (m) => `| ${m.image.name} | ${fmt(m.baselineMb)} | ${fmt(m.peakMb)} | ${fmt(m.floorPeakMb)} |`,
    ),
    '',
  ];
}

function costSection(run: BenchRun): string[] {
  const c = run.cost;
  return [
    '## 5. Cost',
    '',
    `Lambda arm64 list prices (us-east-1, first tier): $${PRICES.perGbSecond} per GB-second, $0.20 per million requests; ` +
      `duration billed per ms. One ingest (${c.ingestMemoryMb} MB) and one resize (${c.resizeMemoryMb} MB) invocation per image, ` +
      'memory from each function.json. S3, SQS, SNS and DynamoDB requests are not included here: section 7 has every function and request.',
    '',
    '| image | ingest ms | resize ms | $ per 1,000 images | durations from |',
    '|---|--:|--:|--:|---|',
    ...c.rows.map(
      (r) =>
        `| ${r.image} | ${fmt(r.ingestMs)} | ${fmt(r.resizeMs)} | ${fmt(r.dollarsPer1000, 4)} | ${r.source} |`,
    ),
    '',
    `These durations are this 2-CPU machine's; a Lambda gets memory ÷ ${PRICES.mbPerVcpu} MB vCPUs. The resize memory, modelled for ${c.sweepImage}: ` +
      `image work from the core's 1-CPU and 2-CPU times (stretched below one vCPU, interpolated between one and two), plus ${fmt(c.overheadMs)} ms ` +
      'of S3/DynamoDB/SNS time measured end to end (0 when that part did not run):',
    '',
    '| resize memory MB | vCPU | resize ms | $ per 1,000 images (resize only) | |',
    '|--:|--:|--:|--:|---|',
    ...c.sweep.map(
      (s) =>
        `| ${s.memoryMb} | ${fmt(s.vcpu, 2)} | ${fmt(s.resizeMs)} | ${fmt(s.dollarsPer1000, 4)} | ${s.configured ? 'configured' : ''} |`,
    ),
    '',
  ];
}

function encoderSection(run: BenchRun): string[] {
  const head = ['## 6. Encoder settings', ''];
  if (!run.encoders.ok) return [...head, `Skipped: ${run.encoders.note}.`, ''];
  const { image, widths, rows } = run.encoders.value;
  return [
    ...head,
    `Encoding the ${widths.join(' and ')} px renditions of ${image} (one libvips thread): median ms, size, and SSIM of the luma against the resized pixels (1 = identical).`,
    '',
    `| setting | ${widths.map((w) => `${w} px ms | ${w} px KiB | ${w} px SSIM`).join(' | ')} |`,
    `|---|${widths.map(() => '--:|--:|--:').join('|')}|`,
    ...rows.map(
      (row) =>
        `| ${row.chosen ? `**${row.label}**` : row.label} | ${row.results.map((r) => `${fmt(r.ms)} | ${kib(r.bytes)} | ${fmt(r.ssim, 4)}`).join(' | ')} |`,
    ),
    '',
  ];
}

/** What the runtime did with concurrent uploads, from the environments it reported using. */
function environmentsSentence(e2e: E2eResult): string {
  const most = mostEnvironments(e2e);
  if (most > 1) {
    return (
      `The local runtime scales a queue function out to more execution environments (up to its concurrency and the CPUs), as Lambda does; ` +
      `the most any function ran at once was ${most} (section 7). Images per minute is this ${os.availableParallelism()}-CPU machine's, not Lambda's.`
    );
  }
  if (most === 1) {
    return "The local runtime ran one execution environment per function (each function's invocations never overlapped), so resizes are serial here, where Lambda would scale out: images per minute is this machine's, not Lambda's.";
  }
  return "The runtime reported no environments used per function (no invocation stats): images per minute is this machine's, not Lambda's.";
}
