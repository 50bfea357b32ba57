/**
 * The pure part of `make status`: turning SQS queue attributes and image
 * counts into the table it prints (scripts/ops/status.ts does the calls).
 */
import type { ImageStatus } from '@pipeline/domain';

/** One queue function's queue and dead-letter queue, as `make status` shows them. */
export interface QueueDepth {
  /** The function (manifest folder) name: what `make redrive QUEUE=` takes. */
  name: string;
  /** Messages available to receive (ApproximateNumberOfMessages). */
  visible: number;
  /** Received and not yet deleted or returned (ApproximateNumberOfMessagesNotVisible). */
  inFlight: number;
  /** Sent with a delay that has not passed yet (ApproximateNumberOfMessagesDelayed). */
  delayed: number;
  /** Messages visible in the function's dead-letter queue. */
  deadLetters: number;
}

/** The queue attributes `make status` reads (GetQueueAttributes AttributeNames). */
export const DEPTH_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
] as const;

/** Reads a count attribute; SQS returns them as decimal strings, and an absent one counts 0. */
function count(attributes: Partial<Record<string, string>> | undefined, name: string): number {
  const value = Number(attributes?.[name] ?? 0);
  return Number.isFinite(value) ? value : 0;
}

/** The visible / in flight / delayed counts of a GetQueueAttributes answer. */
export function depthOf(
  attributes: Partial<Record<string, string>> | undefined,
): Pick<QueueDepth, 'visible' | 'inFlight' | 'delayed'> {
  return {
    visible: count(attributes, 'ApproximateNumberOfMessages'),
    inFlight: count(attributes, 'ApproximateNumberOfMessagesNotVisible'),
    delayed: count(attributes, 'ApproximateNumberOfMessagesDelayed'),
  };
}

/** Lays out rows under a header: the first column left-aligned, the numbers right-aligned. */
function table(header: string[], rows: string[][], notes: string[] = []): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[], note = '') =>
    `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}${note}`;
  return [line(header), ...rows.map((r, i) => line(r, notes[i] ? `  ${notes[i]}` : ''))];
}

/**
 * The queue table: one row per queue function, sorted by name, with a hint
 * to redrive beside every queue whose DLQ holds messages.
 */
export function formatQueueTable(rows: readonly QueueDepth[]): string[] {
  if (rows.length === 0) return ['  (no queue functions in this stack)'];
  const sorted = [...rows].sort((a, b) => a.name.localeCompare(b.name));
  return table(
    ['QUEUE', 'VISIBLE', 'IN FLIGHT', 'DELAYED', 'DLQ'],
    sorted.map((r) => [
      r.name,
      String(r.visible),
      String(r.inFlight),
      String(r.delayed),
      String(r.deadLetters),
    ]),
    sorted.map((r) => (r.deadLetters > 0 ? `← make redrive QUEUE=${r.name}` : '')),
  );
}

/** The images-by-status table, in lifecycle order, with a total line. */
export function formatStatusCounts(
  statuses: readonly ImageStatus[],
  counts: Partial<Record<ImageStatus, number>>,
): string[] {
  const total = statuses.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  return table(
    ['STATUS', 'IMAGES'],
    [...statuses.map((s) => [s, String(counts[s] ?? 0)]), ['total', String(total)]],
  );
}
