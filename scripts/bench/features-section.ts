/**
 * Section 8 of the report: each image feature's time, bytes and share of
 * the classic rendition set, for the largest photo and over all photos,
 * then per photo; HEIC on its fixture.
 */
import type { BenchRun } from './bench-run.ts';
import { type FeaturesResult, type HeicCost, type PhotoFeatures, SET_ROUNDS_FACTOR } from './features.ts';
import { CLASSIC_SET_BASELINE, changeFromBaseline, signedPercent } from './features-baseline.ts';
import { fmt } from './stats.ts';

export const FEATURES_HEADING = '## 8. Features';

/**
 * One row of the summary: a feature, what is timed, and how to read its ms
 * (and bytes) off a photo's medians; its share is of the classic set's wall
 * ms unless `of` says otherwise (its CPU ms, for a CPU row).
 */
export interface FeatureRow {
  feature: string;
  what: string;
  ms: (p: PhotoFeatures) => number;
  bytes?: (p: PhotoFeatures) => string;
  of?: (p: PhotoFeatures) => number;
}

const kib = (bytes: number) => `${fmt(bytes / 1024, bytes < 10 * 1024 ? 1 : 0)} KiB`;

/** "−42% vs WebP" for AVIF bytes against WebP's. */
export function avifSaving({
  avifBytes,
  webpBytes,
}: Pick<PhotoFeatures['avif'], 'avifBytes' | 'webpBytes'>): string {
  return `${signedPercent((avifBytes / webpBytes - 1) * 100)} vs WebP`;
}

/** "12%" for a percentage (one decimal under 1%, so a small share does not read 0%). */
export function percentText(percent: number): string {
  return `${fmt(percent, Math.abs(percent) < 1 ? 1 : 0)}%`;
}

/** Share of the classic set's time (see {@link percentText}). */
export function shareOf(ms: number, classicMs: number): string {
  return percentText((ms / classicMs) * 100);
}

/** Milliseconds for a cell: two decimals under 10 ms, so a 0.05 ms hash does not read 0. */
export function msText(ms: number): string {
  return fmt(ms, Math.abs(ms) < 10 ? 2 : 0);
}

/** "low–high" of `values` as `format` writes them, or the one value when both read the same. */
export function rangeText(values: readonly number[], format: (value: number) => string = msText): string {
  if (values.length === 0) return '–';
  const low = format(Math.min(...values));
  const high = format(Math.max(...values));
  return low === high ? low : `${low}–${high}`;
}

export const FEATURE_ROWS: readonly FeatureRow[] = [
  {
    feature: 'classic rendition set (reference)',
    what: '`makeRenditions`, classic profile: 150/480/1024/2048 px × JPEG + WebP',
    ms: (p) => p.classic.ms,
    bytes: (p) => kib(p.classic.bytes),
  },
  {
    feature: 'classic rendition set, CPU',
    what: 'CPU ms of the same runs (every thread; background load moves it far less than wall time)',
    ms: (p) => p.classic.cpuMs,
    of: (p) => p.classic.cpuMs,
  },
  {
    feature: 'smart square, in the set',
    what: "today's default profile (classic + 320 px attention square, JPEG + WebP) minus the classic set: wall time, median of the rounds' differences",
    ms: (p) => p.squareInSetMs,
    bytes: (p) => `${kib(p.square.bytes)} (the square's JPEG + WebP)`,
  },
  {
    feature: 'smart square, in the set, CPU',
    what: "the same in CPU ms, as a share of the classic set's CPU ms",
    ms: (p) => p.squareInSetCpuMs,
    of: (p) => p.classic.cpuMs,
  },
  {
    feature: 'smart square, the crop alone',
    what: '`cropSquare` (attention) minus a centre crop of the same pixels (the narrowest rendition that covers 320 px)',
    ms: (p) => p.square.attentionMs - p.square.centreMs,
  },
  {
    feature: 'AVIF encode',
    what: 'the 4 classic widths at the chosen settings (q50, effort 1), one after another, one libvips thread',
    ms: (p) => p.avif.avifMs,
    bytes: (p) => `${kib(p.avif.avifBytes)} (${avifSaving(p.avif)})`,
  },
  {
    feature: 'AVIF keep rule',
    what: '`keepAvifWhenBetter`: bytes against WebP, then luma SSIM at 480 px; verdict',
    ms: (p) => p.avif.decisionMs,
    bytes: (p) => p.avif.verdict,
  },
  {
    feature: 'decode for the traits',
    what: '`smallPixels` of the 150 px WebP (one decode, shared by the next two), as `describeImage`',
    ms: (p) => p.traits.decodeMs,
  },
  {
    feature: 'ThumbHash + dominant colour',
    what: '`placeholderOf` on those ≤ 100 px pixels',
    ms: (p) => p.traits.placeholderMs,
    bytes: (p) => `${fmt(p.traits.thumbHashBytes)} B ThumbHash + #rrggbb`,
  },
  {
    feature: 'perceptual hash',
    what: '`perceptualHashesOf` (full + centre, 64 bits each) on the same pixels',
    ms: (p) => p.traits.phashMs,
    bytes: () => '16 B',
  },
];

export function featuresSection(run: BenchRun): string[] {
  const head = [FEATURES_HEADING, ''];
  if (!run.features.ok) return [...head, `Skipped: ${run.features.note}.`, ''];
  const result = run.features.value;
  const measured = result.photos.flatMap((p) =>
    p.features.ok ? [{ image: p.image, f: p.features.value }] : [],
  );
  const failed = result.photos.flatMap((p) => (p.features.ok ? [] : [`${p.image.name}: ${p.features.note}`]));
  const largest = measured[0];
  const load = run.loads.find(([section]) => section === 'features');
  if (!largest) return [...head, `Not measured: ${failed.join('; ') || 'no photo'}.`, ''];
  return [
    ...head,
    `What each image feature costs per image, each measured alone on the inputs the resize function gives it, next to the classic rendition set of the same run ` +
      `(median of ${result.rounds} interleaved rounds after a warm-up, ${result.rounds * SET_ROUNDS_FACTOR} for the two rendition sets; one worker process, sub-millisecond steps repeated 20 times). ` +
      `Times and shares are for ${largest.image.name}, with the range over the ${measured.length} photos; a share is the feature's ms ÷ the classic set's ms of the same photo.` +
      (load
        ? ` 1-minute load average ${fmt(load[1], 1)} → ${fmt(load[2], 1)} during the section (2 CPUs): the absolute times grow with it, the shares much less.`
        : ''),
    '',
    `| feature | what is measured | ms, ${largest.image.name} | ms, all photos | bytes, ${largest.image.name} | share of the classic set | share, all photos |`,
    '|---|---|--:|--:|---|--:|--:|',
    ...FEATURE_ROWS.map((row) => {
      const values = measured.map(({ f }) => row.ms(f));
      const base = row.of ?? ((p: PhotoFeatures) => p.classic.ms);
      const shares = measured.map(({ f }) => (row.ms(f) / base(f)) * 100);
      return `| ${row.feature} | ${row.what} | ${msText(row.ms(largest.f))} | ${rangeText(values)} | ${row.bytes?.(largest.f) ?? '–'} | ${shareOf(row.ms(largest.f), base(largest.f))} | ${rangeText(shares, percentText)} |`;
    }),
    heicRow(result.heic),
    '',
    ...heicNote(result.heic, result.rounds),
    ...(failed.length ? ['', `Not measured: ${failed.join('; ')}.`] : []),
    '',
    `Per photo (ms; "vs ${CLASSIC_SET_BASELINE.date}" is the classic set against bench/results/${CLASSIC_SET_BASELINE.date}.md, section 1):`,
    '',
    `| photo | classic set | vs ${CLASSIC_SET_BASELINE.date} | + square (CPU) | attention / centre crop | AVIF / WebP encode | AVIF / WebP KiB | AVIF | decode + ThumbHash + pHash |`,
    '|---|--:|--:|--:|--:|--:|--:|---|--:|',
    ...measured.map(({ image, f }) => {
      const change = changeFromBaseline(image.name, f.classic.ms);
      return `| ${image.name} | ${fmt(f.classic.ms)} | ${change === undefined ? '–' : signedPercent(change)} | ${msText(f.squareInSetMs)} (${msText(f.squareInSetCpuMs)}) | ${msText(f.square.attentionMs)} / ${msText(f.square.centreMs)} | ${fmt(f.avif.avifMs)} / ${fmt(f.avif.webpMs)} | ${fmt(f.avif.avifBytes / 1024)} / ${fmt(f.avif.webpBytes / 1024)} | ${f.avif.verdict} | ${msText(f.traits.decodeMs + f.traits.placeholderMs + f.traits.phashMs)} |`;
    }),
    '',
  ];
}

function heicRow(heic: FeaturesResult['heic']): string {
  const what = 'libheif (WebAssembly) decode to RGBA, warm';
  if (!heic.ok) return `| HEIC decode | ${what} | ${heic.note} | – | – | – | – |`;
  const h = heic.value;
  const source = h.kind === 'phone' ? 'made here from the largest photo' : 'the committed fixture';
  return `| HEIC decode | ${what}: \`${h.file}\` (${h.width}×${h.height}) | ${msText(h.ms)} | – | ${fmt(h.bytes)} B (${source}) | – | – |`;
}

function heicNote(heic: FeaturesResult['heic'], _runs: number): string[] {
  if (!heic.ok) return [];
  const h: HeicCost = heic.value;
  const what =
    h.kind === 'phone'
      ? `HEIC: none of the photos is a HEIC, so the row decodes a ${fmt((h.width * h.height) / 1e6, 1)} MP one made here from the largest photo with libheif's \`heif-enc\` (scripts/bench/heic-sample.ts; cached in bench/tmp/heic/). `
      : `HEIC: none of the photos is a HEIC and ${h.note ?? 'no HEIC encoder is installed'}, so the row is the ${h.width}×${h.height} test fixture, ` +
        'not a 12 MP phone photo; its time and memory say what HEIC support costs at least (install libheif-examples for a phone-size sample). ';
  return [
    what +
      `In a fresh process (median of ${h.runs}): instantiating libheif took ${fmt(h.loadMs)} ms (once per execution environment) and raised peak RSS by ${fmt(h.loadedMb - h.baselineMb, 1)} MB, ` +
      `the first decode took ${msText(h.firstDecodeMs)} ms and raised it by ${fmt(h.peakMb - h.loadedMb, 1)} MB (\`process.resourceUsage().maxRSS\`, scripts/bench/workers/rss-worker.ts \`heic\`).`,
  ];
}
