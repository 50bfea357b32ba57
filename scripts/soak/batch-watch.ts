/**
 * Follows the local runtime's log lines (`<function> | ▶ 5 message(s) …`,
 * `✔ 5 ok in 0.2s`, `✖ batch failed …`) to know, per function, whether a
 * batch is running right now, how many batches were retries, and how many
 * ended because their execution environment was killed. One batch runs at a
 * time per function (one execution environment each), so "in a batch" is
 * simply "the last batch line was a start".
 */

/** What one log line says about batches; undefined for every other line. */
export type BatchEvent =
  | { fn: string; kind: 'start'; messages: number; retried: number }
  | { fn: string; kind: 'end'; ok: boolean; killed: boolean };

const LINE = /^(\S+)\s+\| (.*)$/;
const START = /^▶ (\d+) message\(s\)(?:, (\d+) retried)?/;

/** Parses one runtime log line (colors off). */
export function parseBatchLine(line: string): BatchEvent | undefined {
  const match = LINE.exec(line);
  if (!match) return undefined;
  const fn = match[1] as string;
  const text = match[2] as string;
  const start = START.exec(text);
  if (start) return { fn, kind: 'start', messages: Number(start[1]), retried: Number(start[2] ?? 0) };
  if (text.startsWith('✔ ')) return { fn, kind: 'end', ok: true, killed: false };
  if (/^✖ (batch failed|\d+ of \d+ failed)/.test(text) || text.startsWith('runtime error:')) {
    return { fn, kind: 'end', ok: false, killed: /killed by SIGKILL/.test(text) };
  }
  return undefined;
}

export class BatchWatcher {
  private readonly running = new Map<string, boolean>();
  private readonly starts = new Map<string, number>();
  private readonly listeners: ((fn: string, count: number) => void)[] = [];
  /** Batches holding at least one message received before. */
  retriedBatches = 0;
  /** Batches that ended because their execution environment was SIGKILLed. */
  killedBatches = 0;

  /** Feeds one log line. */
  observe(line: string): void {
    const event = parseBatchLine(line);
    if (!event) return;
    if (event.kind === 'end') {
      this.running.set(event.fn, false);
      if (event.killed) this.killedBatches += 1;
      return;
    }
    this.running.set(event.fn, true);
    if (event.retried > 0) this.retriedBatches += 1;
    const count = (this.starts.get(event.fn) ?? 0) + 1;
    this.starts.set(event.fn, count);
    for (const listener of this.listeners) listener(event.fn, count);
  }

  /** True between a batch's start line and its end line. */
  inBatch(fn: string): boolean {
    return this.running.get(fn) ?? false;
  }

  /** Forgets running batches (the runtime that ran them is gone). */
  reset(): void {
    this.running.clear();
  }

  /** Calls `listener(fn, n)` as the n-th batch of `fn` starts. */
  onStart(listener: (fn: string, count: number) => void): void {
    this.listeners.push(listener);
  }
}
