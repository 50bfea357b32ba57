/**
 * Readable local logs: a colored, padded function name before every line,
 * and Powertools' JSON lines turned into `LEVEL message key=value ...`, its
 * metric (EMF) lines into `METRIC namespace name=value ...` (raw JSON with
 * LOCAL_LOG_FORMAT=json).
 */

export interface LogStyle {
  /** ANSI colors on or off. */
  color: boolean;
  /** `pretty` (default) or `json` to pass handler lines through untouched. */
  format: 'pretty' | 'json';
}

const PALETTE = [36, 35, 33, 32, 34, 96, 95, 93, 92, 94];
const LEVEL_COLORS: Record<string, number> = { DEBUG: 90, INFO: 32, WARN: 33, ERROR: 31, CRITICAL: 41 };

/** Keys every Powertools line carries; left out of the pretty line. */
const NOISE = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'sampling_rate',
  'cold_start',
  'function_name',
  'function_memory_size',
  'function_arn',
  'function_request_id',
  'xray_trace_id',
  'error',
]);

const MAX_VALUE = 40;

/** Style from the environment: colors on a TTY unless NO_COLOR, FORCE_COLOR forces them. */
export function logStyleFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  tty = Boolean(process.stdout.isTTY),
): LogStyle {
  const color = env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : tty && !env.NO_COLOR;
  return { color, format: env.LOCAL_LOG_FORMAT === 'json' ? 'json' : 'pretty' };
}

/** Wraps `text` in an ANSI SGR code when colors are on. */
export function paint(style: LogStyle, code: number, text: string): string {
  return style.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** `name  | ` padded to `width`, in the `index`-th palette color. */
export function makePrefix(style: LogStyle, name: string, width: number, index: number): string {
  return `${paint(style, PALETTE[index % PALETTE.length] ?? 36, name.padEnd(width))} ${paint(style, 90, '|')} `;
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function errorLines(error: unknown): string[] {
  if (!error || typeof error !== 'object') return error === undefined ? [] : [`  ${String(error)}`];
  const { name, message, stack } = error as { name?: string; message?: string; stack?: string };
  const frames = (stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));
  const [first = '', ...more] = (message ?? '').split('\n');
  return [
    `  ${name ?? 'Error'}: ${first}`,
    ...more.map((line) => `    ${line.trim()}`),
    ...frames.slice(0, 5).map((frame) => `    ${frame.trim()}`),
  ];
}

/**
 * One line of handler output as display lines (without prefix). JSON with a
 * `level` and `message` becomes `LEVEL message key=value ...` plus the error
 * and its first stack frames; anything else passes through.
 */
export function formatLogLine(line: string, style: LogStyle): string[] {
  if (style.format === 'json' || !line.startsWith('{')) return [line];
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return [line];
  }
  const emf = metricsLine(entry, style);
  if (emf) return [emf];
  if (typeof entry.level !== 'string' || !('message' in entry)) return [line];
  const level = entry.level.toUpperCase();
  const extras = Object.entries(entry)
    .filter(([key, value]) => !NOISE.has(key) && value !== undefined && value !== null)
    .map(([key, value]) => `${paint(style, 90, `${key}=`)}${short(value)}`);
  const [message = '', ...continued] = String(entry.message).split('\n');
  const head = [paint(style, LEVEL_COLORS[level] ?? 37, level.padEnd(5)), message, ...extras];
  return [head.join(' '), ...continued.map((text) => `      ${text}`), ...errorLines(entry.error)];
}

/**
 * An EMF document (Powertools Metrics' flush, a long JSON line) as one short
 * line: `METRIC <namespace> name=value ...`; undefined for anything else.
 */
function metricsLine(entry: Record<string, unknown>, style: LogStyle): string | undefined {
  const directives = (entry._aws as { CloudWatchMetrics?: unknown } | undefined)?.CloudWatchMetrics;
  if (!Array.isArray(directives)) return undefined;
  const parts = directives.flatMap((d: { Namespace?: string; Metrics?: Array<{ Name?: string }> }) => [
    String(d.Namespace),
    ...(d.Metrics ?? []).map((m) => `${paint(style, 90, `${m.Name}=`)}${short(entry[m.Name ?? ''])}`),
  ]);
  return [paint(style, 36, 'METRIC'), ...parts].join(' ');
}

/**
 * Splits a stream into lines and hands each complete line to `onLine`;
 * `flush()` emits a trailing partial line.
 */
export function lineSplitter(onLine: (line: string) => void) {
  let pending = '';
  return {
    push(chunk: Buffer | string) {
      pending += chunk.toString();
      let index = pending.indexOf('\n');
      while (index >= 0) {
        onLine(pending.slice(0, index).replace(/\r$/, ''));
        pending = pending.slice(index + 1);
        index = pending.indexOf('\n');
      }
    },
    flush() {
      if (pending) onLine(pending);
      pending = '';
    },
  };
}

/** `1.23s` below 10 s, `12.3s` below a minute, else `2m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
