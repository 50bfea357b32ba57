/**
 * Provisions the local stack: terraform/envs/local applied to moto through
 * scripts/terraform.sh, with its own state file, showing progress while
 * terraform creates the resources.
 */
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { formatDuration } from '../log-format.ts';
import type { StackOutputs } from './stack-outputs.ts';
import { ENV_DIR, readStackOutputs, run, tail, terraformEnv } from './terraform.ts';

export interface ApplyLocalOptions {
  /** moto endpoint the stack is applied to. */
  endpoint: string;
  /** Terraform state file; deleted first, since moto forgets everything on restart. */
  stateFile: string;
  /** Where terraform's output goes (default: next to the state file, `<state>.apply.log`). */
  logFile?: string;
  /** Progress lines (default: stderr; on a TTY one line updated in place, else a line every 15 s). */
  progress?: (line: string, final: boolean) => void;
  /** Give up (and stop terraform) after this long, ms (default 600000). */
  timeoutMs?: number;
  /** Aborting stops terraform (SIGINT, then SIGKILL after 10 s) and rejects. */
  signal?: AbortSignal;
}

export interface ApplyResult {
  outputs: StackOutputs;
  logFile: string;
  durationMs: number;
  /** Resources terraform reported created. */
  resources: number;
}

/** Progress on stderr: on a TTY one line updated in place, else a line every 15 s. */
function defaultProgress(): (line: string, final: boolean) => void {
  let printed = Date.now();
  return (line, final) => {
    if (process.stderr.isTTY) {
      process.stderr.write(`\r\u001b[2K${line}${final ? '\n' : ''}`);
    } else if (final || Date.now() - printed >= 15_000) {
      process.stderr.write(`${line}\n`);
      printed = Date.now();
    }
  };
}

/** What terraform is creating right now, and how many resources it has created, from its output lines. */
function createdResources(started: number, progress: (line: string, final: boolean) => void) {
  const creating = new Set<string>();
  let resources = 0;
  return {
    creating,
    get resources() {
      return resources;
    },
    onLine(line: string) {
      const address = /^(\S+): (Creating\.\.\.|Creation complete|Creation errored)/.exec(line);
      if (!address?.[1]) return;
      if (address[2] === 'Creating...') creating.add(address[1]);
      else creating.delete(address[1]);
      if (address[2] === 'Creation complete') resources += 1;
    },
    show(final = false) {
      const busy = [...creating];
      const now =
        busy.length > 0 ? ` — creating ${busy[0]}${busy.length > 1 ? ` (+${busy.length - 1})` : ''}` : '';
      progress(
        `terraform apply (${ENV_DIR}): ${resources} created, ${formatDuration(Date.now() - started)}${final ? '' : now}`,
        final,
      );
    },
  };
}

/**
 * Runs `terraform apply` against `endpoint`, writing its output to `log` and
 * handing each line to `onLine`; stops it on `signal` or after `timeoutMs`.
 */
async function runApply(
  options: ApplyLocalOptions,
  timeoutMs: number,
  log: NodeJS.WritableStream,
  onLine: (line: string) => void,
): Promise<{ code: number; timedOut: boolean }> {
  const { endpoint, stateFile, signal } = options;
  let timedOut = false;
  const terraform = run(
    // Most of the apply is the provider waiting (~25 s per SQS queue for its attributes to
    // read back 6 times, 5 s apart: waitQueueAttributesPropagated in the provider's
    // internal/service/sqs/queue.go): at terraform's default of 10 at once, those waits queued behind each other.
    ['apply', '-auto-approve', '-input=false', '-no-color', '-parallelism=30', `-var=endpoint=${endpoint}`],
    terraformEnv(stateFile),
    (line) => {
      log.write(`${line}\n`);
      onLine(line);
    },
  );
  const interrupt = () => {
    terraform.kill('SIGINT'); // lets terraform write the state it has
    setTimeout(() => terraform.kill('SIGKILL'), 10_000).unref();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    interrupt();
  }, timeoutMs);
  signal?.addEventListener('abort', interrupt, { once: true });
  const code = await terraform.exit.finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', interrupt);
  });
  return { code, timedOut };
}

/**
 * Applies terraform/envs/local to a fresh moto and returns its outputs, the
 * log file and how long it took.
 * @throws Error with the tail of the log when terraform fails.
 */
export async function applyLocalStack(options: ApplyLocalOptions): Promise<ApplyResult> {
  const { stateFile } = options;
  const started = Date.now();
  const logFile = options.logFile ?? `${stateFile.replace(/\.tfstate$/, '')}.apply.log`;
  const progress = options.progress ?? defaultProgress();
  mkdirSync(path.dirname(stateFile), { recursive: true });
  mkdirSync(path.dirname(logFile), { recursive: true });
  rmSync(stateFile, { force: true });
  rmSync(`${stateFile}.backup`, { force: true });

  const log = createWriteStream(logFile);
  const created = createdResources(started, progress);
  const ticker = setInterval(() => created.show(), 1000);
  const timeoutMs = options.timeoutMs ?? 600_000;
  let result: { code: number; timedOut: boolean };
  try {
    result = await runApply(options, timeoutMs, log, (line) => created.onLine(line));
  } finally {
    clearInterval(ticker);
    await new Promise((resolve) => log.end(resolve));
  }
  const logPath = path.relative(process.cwd(), logFile);
  if (options.signal?.aborted) throw new Error('terraform apply aborted');
  if (result.timedOut) {
    created.show(true);
    throw new Error(
      `terraform apply did not finish within ${formatDuration(timeoutMs)}; still creating: ${[...created.creating].join(', ') || '?'}` +
        ` (log: ${logPath})`,
    );
  }
  if (result.code !== 0) {
    created.show(true);
    throw new Error(`terraform apply failed (exit ${result.code}); log: ${logPath}\n${tail(logFile)}`);
  }
  const outputs = await readStackOutputs(stateFile);
  const durationMs = Date.now() - started;
  progress(
    `terraform apply (${ENV_DIR}): ${created.resources} resources in ${formatDuration(durationMs)} (log: ${logPath})`,
    true,
  );
  return { outputs, logFile, durationMs, resources: created.resources };
}

/** applyLocalStack, returning only the outputs. */
export async function applyLocal(options: ApplyLocalOptions): Promise<StackOutputs> {
  return (await applyLocalStack(options)).outputs;
}
