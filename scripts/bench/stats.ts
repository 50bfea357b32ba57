/** Small statistics helpers for timings. */

/** Median of `values` (mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Percentile `p` (0-100) with linear interpolation between closest ranks; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (rank - low);
}

/** "612" / "1,234" / "8.4": a number of milliseconds or megabytes for a table cell. */
export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * The median of the pairwise differences `after[i] - before[i]` (runs made
 * back to back), which background load moves less than a difference of medians.
 */
export function medianDifference(after: readonly number[], before: readonly number[]): number {
  return median(after.slice(0, before.length).map((value, i) => value - (before[i] as number)));
}

/** One JSON answer of a timing worker: numbers, and the odd label (or `error`). */
export type Answer = Record<string, number | string>;

/**
 * The median of every numeric field over `samples` (the runs of one
 * measurement); a text field (a verdict) is taken from the last run.
 */
export function medianFields(samples: readonly Answer[]): Answer {
  const fields = new Set(samples.flatMap((sample) => Object.keys(sample)));
  const out: Answer = {};
  for (const field of fields) {
    const values = samples.map((sample) => sample[field]).filter((v) => v !== undefined);
    out[field] = values.every((v) => typeof v === 'number')
      ? median(values as number[])
      : (values.at(-1) as string);
  }
  return out;
}
