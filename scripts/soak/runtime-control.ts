/**
 * The soak's handle on the local runtime: it runs in a child process
 * (runtime-process.ts), so it can be stopped gracefully, or SIGKILLed as a
 * crashed host would be, and its execution environments (one worker process
 * per function, see scripts/local/lambda/execution-environment.ts) can be killed one
 * by one, as Lambda's sandbox dies on an out-of-memory kill.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { handlerPathFor } from '../local/lambda/function-settings.ts';
import { lineSplitter } from '../local/log-format.ts';
import type { StackOutputs } from '../local/stack/stack-outputs.ts';
import { REPO_ROOT } from '../local/tools.ts';

/** Printed by runtime-process.ts once the runtime polls every queue. */
export const READY_LINE = '@@soak-runtime-ready';

/** What runtime-process.ts reads from its spec file. */
export interface RuntimeSpec {
  outputs: StackOutputs;
  endpoint: string;
  functions?: string[];
  env?: Record<string, string>;
}

/** The handler bundle the runtime runs for function `name` of `outputs`. */
export function bundlePath(outputs: StackOutputs, name: string): string {
  const fn = outputs.functions[name];
  if (!fn) throw new Error(`functions: no function "${name}" in the stack outputs`);
  return handlerPathFor(name, fn, undefined);
}

const ENTRY = path.join(REPO_ROOT, 'scripts', 'soak', 'runtime-process.ts');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 60_000;

/** One local runtime process. */
export class RuntimeProcess {
  private readonly exited: Promise<void>;
  private dead = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly spec: RuntimeSpec,
    private readonly dir: string,
    /** Functions it serves. */
    readonly functions: string[],
  ) {
    this.exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      child.once('exit', () => resolve());
    }).then(() => {
      this.dead = true;
      rmSync(this.dir, { recursive: true, force: true });
    });
  }

  /**
   * Starts a runtime and resolves once it polls every queue. Every line it
   * prints goes to `onLine`.
   * @throws Error with its last lines when it exits or does not get ready in time.
   */
  static async start(spec: RuntimeSpec, onLine: (line: string) => void): Promise<RuntimeProcess> {
    const dir = mkdtempSync(path.join(tmpdir(), 'soak-runtime-'));
    const specFile = path.join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, specFile], {
      cwd: REPO_ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin?.on('error', () => {}); // EPIPE once it is gone
    const recent: string[] = [];
    const ready = new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('runtime: not ready in time')), START_TIMEOUT_MS);
      const onOutput = (line: string) => {
        if (line.startsWith(READY_LINE)) {
          clearTimeout(timer);
          resolve(line.slice(READY_LINE.length).trim().split(',').filter(Boolean));
          return;
        }
        recent.push(line);
        if (recent.length > 20) recent.shift();
        onLine(line);
      };
      for (const stream of [child.stdout, child.stderr]) {
        const splitter = lineSplitter(onOutput);
        stream?.on('data', (chunk: Buffer) => splitter.push(chunk));
        stream?.on('end', () => splitter.flush());
      }
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `runtime exited (${signal ?? `code ${code}`}) before it was ready:\n${recent.join('\n')}`,
          ),
        );
      });
    });
    try {
      return new RuntimeProcess(child, spec, dir, await ready);
    } catch (error) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Process id of the runtime. */
  get pid(): number {
    return this.child.pid as number;
  }

  /** Worker processes (execution environments) of the runtime, by function name. */
  workers(): Map<string, number> {
    const found = new Map<string, number>();
    if (this.dead) return found;
    // `-A -o pid=,ppid=,args=` works with procps (Linux) and BSD ps (macOS) alike.
    const listing = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
    const paths = this.functions.map((name) => [name, bundlePath(this.spec.outputs, name)] as const);
    for (const line of listing.split('\n')) {
      const [pid, ppid, ...args] = line.trim().split(/\s+/);
      if (Number(ppid) !== this.pid) continue;
      const match = paths.find(([, handler]) => args.includes(handler));
      if (pid && match) found.set(match[0], Number(pid));
    }
    return found;
  }

  /**
   * SIGKILLs the execution environment of `name`, as Lambda's sandbox dies
   * under an out-of-memory kill; the runtime starts a fresh one (a cold start)
   * for the next batch.
   * @returns false when that function has no worker process right now.
   */
  killWorker(name: string): boolean {
    const pid = this.workers().get(name);
    if (!pid) return false;
    try {
      process.kill(pid, 'SIGKILL');
      return true;
    } catch {
      return false;
    }
  }

  /**
   * SIGKILLs the runtime and its workers at once, as a host dies: nothing is
   * settled, so the messages it held come back only after their visibility timeout.
   */
  async kill(): Promise<void> {
    const workers = [...this.workers().values()];
    this.child.kill('SIGKILL');
    for (const pid of workers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await this.exited;
  }

  /** Stops gracefully: in-flight batches finish and are settled. SIGKILL after a minute. */
  async stop(): Promise<void> {
    if (this.dead) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}
