/**
 * Kills the local runtime in the middle of batches: either one function's
 * execution environment (SIGKILL of its worker process; the runtime reports
 * the crash and the batch is retried, as when Lambda's sandbox dies), or the
 * whole runtime process with its workers (nothing is settled; a new runtime
 * is started and the messages come back after their visibility timeout).
 */
import type { BatchWatcher } from './batch-watch.ts';
import type { RuntimeProcess } from './runtime-control.ts';

/** Which kills a soak run makes. */
export interface CrashPlan {
  /** `worker`: one function's execution environment; `runtime`: the whole runtime, then a restart. */
  mode: 'worker' | 'runtime';
  /** Functions whose batches are interrupted (default ingest and resize). */
  functions?: string[];
  /** Most kills in a run (default 4 for workers, 2 for the runtime). */
  kills?: number;
  /** Kill during every n-th batch of each of those functions (default 3). */
  every?: number;
}

/** How long into a batch to strike, ms: short for ingest's quick batches, longer for resize's. */
const DELAY_MS: Record<string, [number, number]> = { ingest: [5, 40], resize: [40, 250] };
const DEFAULT_DELAY_MS: [number, number] = [10, 80];

export class Crasher {
  /** Runtime kills done while a batch was running. */
  runtimeKills = 0;
  /** Worker kills sent while a batch was running (the runtime's own "killed" lines confirm them). */
  workerKillsSent = 0;
  private busy = false;
  private stopped = false;
  private readonly pending = new Set<NodeJS.Timeout>();

  constructor(
    private readonly plan: CrashPlan,
    private readonly watcher: BatchWatcher,
    private readonly runtime: () => RuntimeProcess,
    /** Starts a new runtime after a runtime kill. */
    private readonly restart: () => Promise<void>,
    private readonly random: () => number = Math.random,
    private readonly log: (line: string) => void = () => {},
  ) {
    const functions = plan.functions ?? ['ingest', 'resize'];
    const every = Math.max(1, plan.every ?? 3);
    watcher.onStart((fn, count) => {
      if (!functions.includes(fn) || count % every !== 0 || this.done()) return;
      const [min, max] = DELAY_MS[fn] ?? DEFAULT_DELAY_MS;
      const timer = setTimeout(
        () => {
          this.pending.delete(timer);
          void this.strike(fn);
        },
        min + this.random() * (max - min),
      );
      this.pending.add(timer);
    });
  }

  private get maxKills(): number {
    return this.plan.kills ?? (this.plan.mode === 'worker' ? 4 : 2);
  }

  private done(): boolean {
    return this.stopped || this.runtimeKills + this.workerKillsSent >= this.maxKills;
  }

  private async strike(fn: string): Promise<void> {
    if (this.done() || this.busy || !this.watcher.inBatch(fn)) return;
    if (this.plan.mode === 'worker') {
      if (this.runtime().killWorker(fn)) {
        this.workerKillsSent += 1;
        this.log(`killed the ${fn} worker mid-batch (SIGKILL)`);
      }
      return;
    }
    this.busy = true;
    try {
      await this.runtime().kill();
      this.watcher.reset();
      this.runtimeKills += 1;
      this.log(`killed the runtime while ${fn} was mid-batch (SIGKILL); restarting it`);
      if (!this.stopped) await this.restart();
    } finally {
      this.busy = false;
    }
  }

  /** No more kills; waits for a restart in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.pending) clearTimeout(timer);
    while (this.busy) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
