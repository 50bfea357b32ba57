/**
 * The pure half of `make metrics`: what a bucket-metrics run says it put, how
 * metrics are keyed and compared, and the table it prints.
 */

/** The part of bucket-metrics' result (its handler's return value) this command reads. */
export interface RunSummary {
  /** `counters` (the 5-minute run) or `reconcile` (the daily listing). */
  mode?: 'counters' | 'reconcile';
  namespace: string;
  /** ISO timestamp of every metric of the run. */
  timestamp: string;
  metrics: number;
  calls: number;
  buckets: Array<{
    bucket: string;
    objects: number;
    bytes: number;
    prefixes: Record<string, { objects: number; bytes: number }>;
  }>;
  /** Reconcile: listing minus counters per managed Prefix value, and whether it was corrected. */
  drift?: Array<{ bucket: string; prefix: string; objects: number; bytes: number }>;
  corrected?: boolean;
}

/** What a reconcile found: one line per drifted Prefix value, or that the counters were exact. */
export function driftLines(run: RunSummary): string[] {
  if (!run.drift) return [];
  const drifted = run.drift.filter((d) => d.objects !== 0 || d.bytes !== 0);
  if (drifted.length === 0) return [`counters exact: no drift on ${run.drift.length} managed Prefix values`];
  return [
    ...drifted.map(
      (d) => `drift ${d.bucket} ${d.prefix}: ${d.objects} objects, ${d.bytes} bytes (listing minus counters)`,
    ),
    run.corrected
      ? 'corrected: the offset now makes up the difference'
      : 'not corrected: counters moved during the listing (next reconcile)',
  ];
}

/** One metric as read back: name, dimensions and the value of a statistic. */
export interface MetricValue {
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  value: number;
}

/** A stable key for a metric and its dimensions (dimension order does not matter). */
export function metricKey(metric: string, dimensions: Record<string, string>): string {
  const dims = Object.entries(dimensions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`);
  return [metric, ...dims].join(' ');
}

/** What the run put, keyed by {@link metricKey}: bucket and per-prefix NumberOfObjects and BucketSizeBytes. */
export function putBySummary(summary: RunSummary): Map<string, number> {
  const put = new Map<string, number>();
  for (const b of summary.buckets) {
    const entries = [
      [{ BucketName: b.bucket }, b],
      ...Object.entries(b.prefixes).map(
        ([prefix, t]) => [{ BucketName: b.bucket, Prefix: prefix }, t] as const,
      ),
    ] as const;
    for (const [dimensions, tally] of entries) {
      put.set(metricKey('NumberOfObjects', dimensions), tally.objects);
      put.set(metricKey('BucketSizeBytes', dimensions), tally.bytes);
    }
  }
  return put;
}

/**
 * The differences between what the run put and what CloudWatch returned:
 * one line per metric missing or with another value; empty when they agree.
 */
export function differences(put: Map<string, number>, readBack: readonly MetricValue[]): string[] {
  const got = new Map(readBack.map((m) => [metricKey(m.metric, m.dimensions), m.value]));
  return [...put].flatMap(([key, value]) => {
    if (!got.has(key)) return [`${key}: put ${value}, not read back`];
    return got.get(key) === value ? [] : [`${key}: put ${value}, read back ${got.get(key)}`];
  });
}

/** `1,234,567 B (1.2 MiB)` for bytes, `1,500` for counts. */
export function formatValue(metric: string, value: number): string {
  const plain = value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (metric !== 'BucketSizeBytes' || value < 1024)
    return metric === 'BucketSizeBytes' ? `${plain} B` : plain;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = value;
  let unit = 'B';
  for (const next of units) {
    if (scaled < 1024) break;
    scaled /= 1024;
    unit = next;
  }
  return `${plain} B (${scaled.toFixed(1)} ${unit})`;
}

/** `Name=value Name=value`, in the order given. */
export function dimensionsLabel(dimensions: Record<string, string>): string {
  return Object.entries(dimensions)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
}

/** Rows as a left-aligned text table under `header`, indented by two spaces. */
export function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `  ${cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()}`;
  return [line(header), ...rows.map(line)];
}

/**
 * Sorts metrics for reading: by namespace, then by their first dimension
 * (the bucket, the service), a bucket's total (fewer dimensions) before its
 * prefixes, and NumberOfObjects before BucketSizeBytes.
 */
export function sortMetrics<T extends MetricValue>(metrics: readonly T[]): T[] {
  const first = (m: MetricValue) => Object.values(m.dimensions)[0] ?? '';
  return [...metrics].sort(
    (a, b) =>
      a.namespace.localeCompare(b.namespace) ||
      first(a).localeCompare(first(b)) ||
      Object.keys(a.dimensions).length - Object.keys(b.dimensions).length ||
      dimensionsLabel(a.dimensions).localeCompare(dimensionsLabel(b.dimensions)) ||
      b.metric.localeCompare(a.metric),
  );
}
