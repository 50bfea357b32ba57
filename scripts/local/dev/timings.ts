/**
 * How long `make dev` took, phase by phase: the banner's "ready in" counts
 * from when `make dev` started, and its parts add up to it.
 */
import { formatDuration } from '../log-format.ts';

/**
 * Epoch ms when `make dev` started: scripts/dev.sh's DEV_STARTED_AT_MS (so a
 * fresh clone's install before node runs counts), else this process's start.
 */
export const startedAt = Number(process.env.DEV_STARTED_AT_MS) || Math.round(performance.timeOrigin);

const timings: string[] = [];

/** Records `label` as having taken `ms`. */
export function record(label: string, ms: number): void {
  timings.push(`${label} ${formatDuration(ms)}`);
}

/** Runs `work`, recording how long it took under `label`. */
export async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await work();
  } finally {
    record(label, Date.now() - t0);
  }
}

/** `ready in <total>` and the recorded phases, for the banner. */
export function readyLine(): { total: string; phases: string } {
  return { total: formatDuration(Date.now() - startedAt), phases: timings.join(', ') };
}

export const bold = (text: string) =>
  process.stdout.isTTY && !process.env.NO_COLOR ? `\u001b[1m${text}\u001b[0m` : text;

/** Prints the start of a phase. */
export const step = (text: string) => console.log(bold(`▸ ${text}`));
