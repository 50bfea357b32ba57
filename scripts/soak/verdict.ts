/** What one invariant concluded, and the helpers the checks build it with. */

/** An invariant's result: passed, failed with its first offenders, or skipped with the reason. */
export interface Verdict {
  name: string;
  /** `skipped` when the check could not apply (the reason is in `detail`). */
  ok: boolean | 'skipped';
  detail: string;
  /** The first few offenders, one line each. */
  problems: string[];
}

/** How many offenders a verdict lists before it says how many more there are. */
const SHOWN = 8;

/** Passes when `problems` is empty; otherwise lists the first few of them. */
export function verdict(name: string, problems: string[], detail: string): Verdict {
  const shown = problems.slice(0, SHOWN);
  if (problems.length > SHOWN) shown.push(`… and ${problems.length - SHOWN} more`);
  return { name, ok: problems.length === 0, detail, problems: shown };
}

/** A check that could not run, with the reason. */
export function skipped(name: string, reason: string): Verdict {
  return { name, ok: 'skipped', detail: `skipped: ${reason}`, problems: [] };
}
