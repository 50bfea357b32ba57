/**
 * The AWS calls the functions made, from the call logs packages/aws writes
 * when PIPELINE_CALL_LOG names a directory (one `<function>.<pid>.jsonl`
 * per process, a line per call: function, service, operation, the IAM
 * requests it stands for). The bench counts them before and after a level.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Calls per function (short name, `ingest`) per `service:Operation`: how many, and their items. */
export type CallCounts = Record<string, Record<string, { calls: number; items: number }>>;

/**
 * Reads every call log in `dir`. `shortName` maps AWS_LAMBDA_FUNCTION_NAME
 * (what a line says) to the stack's function name; unknown names stay as they are.
 */
export function readCallCounts(dir: string, shortName: Map<string, string>): CallCounts {
  const counts: CallCounts = {};
  if (!existsSync(dir)) return counts;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.jsonl'))) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const call = parse(line);
      if (!call) continue;
      const fn = shortName.get(call.function) ?? call.function;
      const key = `${call.service}:${call.operation}`;
      const byOp = counts[fn] ?? {};
      const entry = byOp[key] ?? { calls: 0, items: 0 };
      byOp[key] = { calls: entry.calls + 1, items: entry.items + call.items };
      counts[fn] = byOp;
    }
  }
  return counts;
}

function parse(
  line: string,
): { function: string; service: string; operation: string; items: number } | undefined {
  if (!line.trim()) return undefined;
  try {
    const record = JSON.parse(line) as {
      function?: unknown;
      service?: unknown;
      operation?: unknown;
      requests?: unknown;
    };
    if (typeof record.service !== 'string' || typeof record.operation !== 'string') return undefined;
    return {
      function: typeof record.function === 'string' ? record.function : 'unknown',
      service: record.service,
      operation: record.operation,
      items: Array.isArray(record.requests) ? record.requests.length : 1,
    };
  } catch {
    return undefined; // a line cut short while the process wrote it
  }
}

/** `after` − `before`, dropping what did not change. */
export function diffCallCounts(after: CallCounts, before: CallCounts): CallCounts {
  const diff: CallCounts = {};
  for (const [fn, byOp] of Object.entries(after)) {
    for (const [op, { calls, items }] of Object.entries(byOp)) {
      const was = before[fn]?.[op] ?? { calls: 0, items: 0 };
      if (calls === was.calls) continue;
      diff[fn] = { ...diff[fn], [op]: { calls: calls - was.calls, items: items - was.items } };
    }
  }
  return diff;
}
