/** Formatting shown to people. */

const UNITS = ['B', 'KB', 'MB', 'GB'];

/** 1536 -> "1.5 KB" (binary multiples, one decimal under 10). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === undefined || bytes === null || !Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** An ISO timestamp as a local date and time, or "—". */
export function formatDateTime(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The YYYY-MM-DD part of an ISO date or timestamp (for <input type="date">), or "". */
export function isoDatePart(iso: string | null | undefined): string {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(iso ?? '');
  return match?.[1] ?? '';
}

/** "2400 × 1600" or "—". */
export function formatDimensions(
  width: number | null | undefined,
  height: number | null | undefined,
): string {
  return width && height ? `${width} × ${height}` : '—';
}
