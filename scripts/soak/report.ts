/**
 * The soak's summary: uploads and final statuses per kind, each invariant
 * with ✔ / ✖, timings and throughput, and what faults were injected. Plain
 * Markdown tables, so a run's output can be pasted into a README as is.
 */
import type { RecordView, UploadOutcome } from './invariants.ts';
import { KIND_LABELS, UPLOAD_KINDS } from './plan.ts';
import type { Verdict } from './verdict.ts';

/** What was injected, and what the pipeline went through because of it. */
export interface FaultSummary {
  /** e.g. `rate=0.1`, `worker kills`, `none`. */
  description: string;
  /** Worker processes SIGKILLed mid-batch. */
  workerKills: number;
  /** Times the whole runtime was SIGKILLed mid-batch and restarted. */
  runtimeKills: number;
  /** Batches the runtime ran again (a message with ApproximateReceiveCount > 1). */
  retriedBatches: number;
  /** Dead letters that were redriven to finish the run. */
  redriven: number;
}

export interface SoakSummary {
  uploads: readonly UploadOutcome[];
  records: ReadonlyMap<string, RecordView>;
  verdicts: readonly Verdict[];
  concurrency: number;
  seed: number;
  /** Where the photos came from. */
  photos: string;
  faults: FaultSummary;
  /** Upload phase, then until every queue drained, then the checks; ms. */
  timings: { uploadMs: number; drainMs: number; checkMs: number };
}

const STATUSES = ['PROCESSED', 'REJECTED', 'DELETED'] as const;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** True when no invariant failed (skipped ones do not fail a run). */
export function passed(summary: Pick<SoakSummary, 'verdicts'>): boolean {
  return summary.verdicts.every((v) => v.ok !== false);
}

/** The failed invariants with their offenders, one string each: what a test asserts is empty. */
export function failedInvariants(summary: Pick<SoakSummary, 'verdicts'>): string[] {
  return summary.verdicts
    .filter((v) => v.ok === false)
    .map((v) => [`${v.name}: ${v.detail}`, ...v.problems.map((p) => `  ${p}`)].join('\n'));
}

/** The summary as Markdown lines. */
export function formatSummary(summary: SoakSummary): string[] {
  const { uploads, records, verdicts, timings, faults } = summary;
  const puts = uploads.reduce((sum, u) => sum + u.versions.length, 0);
  const lines = [
    `Soak: ${uploads.length} uploads (${puts} PUTs, ${summary.concurrency} at a time), seed ${summary.seed}, photos: ${summary.photos}, faults: ${faults.description}`,
    '',
    '| kind | uploads | PROCESSED | REJECTED | DELETED | other |',
    '|---|--:|--:|--:|--:|--:|',
  ];
  const totals = { uploads: 0, PROCESSED: 0, REJECTED: 0, DELETED: 0, other: 0 };
  for (const kind of UPLOAD_KINDS) {
    const ofKind = uploads.filter((u) => u.kind === kind);
    if (ofKind.length === 0) continue;
    const count = (status: string) => ofKind.filter((u) => records.get(u.imageId)?.status === status).length;
    const row = { PROCESSED: count('PROCESSED'), REJECTED: count('REJECTED'), DELETED: count('DELETED') };
    const other = ofKind.length - row.PROCESSED - row.REJECTED - row.DELETED;
    totals.uploads += ofKind.length;
    for (const status of STATUSES) totals[status] += row[status];
    totals.other += other;
    lines.push(
      `| ${KIND_LABELS[kind]} | ${ofKind.length} | ${row.PROCESSED} | ${row.REJECTED} | ${row.DELETED} | ${other} |`,
    );
  }
  lines.push(
    `| **total** | **${totals.uploads}** | **${totals.PROCESSED}** | **${totals.REJECTED}** | **${totals.DELETED}** | **${totals.other}** |`,
    '',
    '| invariant | | detail |',
    '|---|:-:|---|',
    ...verdicts.map((v) => `| ${v.name} | ${v.ok === 'skipped' ? '–' : v.ok ? '✔' : '✖'} | ${v.detail} |`),
  );
  const failed = verdicts.filter((v) => v.ok === false);
  for (const v of failed) {
    lines.push('', `✖ ${v.name}:`, ...v.problems.map((p) => `  - ${p}`));
  }
  const busyMs = timings.uploadMs + timings.drainMs;
  const perMinute = (n: number) => ((n / busyMs) * 60_000).toFixed(0);
  lines.push(
    '',
    `duration: uploads ${seconds(timings.uploadMs)}, drain ${seconds(timings.drainMs)}, checks ${seconds(timings.checkMs)}, total ${seconds(busyMs + timings.checkMs)}`,
    `throughput: ${perMinute(uploads.length)} uploads/min, ${perMinute(totals.PROCESSED)} images processed/min (upload start to drained)`,
  );
  if (faults.workerKills + faults.runtimeKills + faults.retriedBatches + faults.redriven > 0) {
    lines.push(
      `faults: ${faults.workerKills} worker(s) killed mid-batch, ${faults.runtimeKills} runtime kill(s) + restart, ${faults.retriedBatches} batch(es) retried, ${faults.redriven} dead letter(s) redriven`,
    );
  }
  lines.push(
    passed(summary) ? 'result: ✔ every invariant holds' : `result: ✖ ${failed.length} invariant(s) failed`,
  );
  return lines;
}
