/**
 * A Lambda execution environment for one function: a child process
 * (environment-worker.mjs) with the function's own environment variables, so
 * functions never share env, module state or a crash. Started on first use
 * (cold start), replaced after a timeout or crash, like the real service.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lineSplitter } from '../log-format.ts';
import { type FunctionEnvVarsOptions, functionEnvVars } from './env-vars.ts';
import type { ContextInfo, InvocationOutcome, ResourceUsage } from './invocation.ts';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'environment-worker.mjs');
const INIT_TIMEOUT_MS = 10_000; // Lambda's init phase limit

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  | { type: 'result'; id: string; ok: true; result: unknown; usage?: ResourceUsage }
  | { type: 'result'; id: string; ok: false; message: string; usage?: ResourceUsage };

export interface ExecutionEnvironmentOptions {
  /** Function name, for messages. */
  name: string;
  /** Absolute path of the ES module exporting `handler`. */
  handlerPath: string;
  /** The complete environment of the child; nothing is inherited. */
  env: Record<string, string>;
  /** Receives every line the handler writes to stdout or stderr. */
  onOutput: (line: string, stream: 'stdout' | 'stderr') => void;
}

/**
 * A function's execution environment (not yet started) with the environment
 * {@link functionEnvVars} builds; `onOutput` receives every line the handler writes.
 */
export function createExecutionEnvironment(
  options: FunctionEnvVarsOptions & Pick<ExecutionEnvironmentOptions, 'onOutput'>,
): ExecutionEnvironment {
  const { name, handlerPath, onOutput } = options;
  return new ExecutionEnvironment({ name, handlerPath, env: functionEnvVars(options), onOutput });
}

export class ExecutionEnvironment {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private onExit: ((why: string) => void) | undefined;
  private onResult: ((message: WorkerMessage) => void) | undefined;

  constructor(private readonly options: ExecutionEnvironmentOptions) {}

  /** True while a child is up and initialised. */
  get warm(): boolean {
    return this.child !== undefined;
  }

  /**
   * Starts the child and waits for the handler module to load.
   * @throws Error with the import error (or exit reason) when init fails.
   */
  async start(): Promise<void> {
    if (this.child) return;
    const { handlerPath, env, onOutput } = this.options;
    const child = fork(WORKER, [handlerPath], {
      cwd: path.dirname(handlerPath),
      env,
      execArgv: ['--enable-source-maps'], // not the parent's (tsx) flags
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
      // Own process group: Ctrl-C reaches the runtime, which lets in-flight batches finish first.
      // The worker exits by itself when the IPC channel closes.
      detached: true,
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      const splitter = lineSplitter((line) => onOutput(line, stream));
      child[stream]?.on('data', (chunk: Buffer) => splitter.push(chunk));
      child[stream]?.on('end', () => splitter.flush());
    }
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        if (this.child === child) this.child = undefined;
        this.onExit?.(signal ? `killed by ${signal}` : `exited with code ${code}`);
        resolve();
      });
    });
    child.on('message', (message: WorkerMessage) => this.onResult?.(message));

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${this.options.name}: init did not finish within ${INIT_TIMEOUT_MS} ms`));
      }, INIT_TIMEOUT_MS);
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.onResult = undefined;
        this.onExit = undefined;
        if (error) reject(error);
        else resolve();
      };
      this.onResult = (message) => {
        if (message.type === 'ready') done();
        if (message.type === 'init-error')
          done(new Error(`${this.options.name}: init failed: ${message.message}`));
      };
      this.onExit = (why) => done(new Error(`${this.options.name}: environment ${why} during init`));
    });
    this.child = child;
  }

  /**
   * Runs one invocation (an SQSEvent batch, an API Gateway event, ...); never
   * throws. One at a time per environment, as on Lambda: callers that need
   * concurrency start more environments. `contextInfo` is called once the
   * environment is initialised, so init time does not count against the
   * deadline. A timeout kills the child (the next invocation starts a fresh
   * one), as Lambda does.
   */
  async invoke(event: unknown, contextInfo: () => ContextInfo): Promise<InvocationOutcome> {
    try {
      await this.start();
    } catch (error) {
      return { ok: false, kind: 'init', message: (error as Error).message };
    }
    const child = this.child as ChildProcess;
    const context = contextInfo();
    const id = randomUUID();
    const timeoutMs = Math.max(0, context.deadlineMs - Date.now());
    return new Promise<InvocationOutcome>((resolve) => {
      const settle = (outcome: InvocationOutcome) => {
        clearTimeout(timer);
        this.onResult = undefined;
        this.onExit = undefined;
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        settle({
          ok: false,
          kind: 'timeout',
          message: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
        });
        child.kill('SIGKILL');
      }, timeoutMs);
      this.onResult = (message) => {
        if (message.type !== 'result' || message.id !== id) return;
        const usage = message.usage ? { usage: message.usage } : {};
        settle(
          message.ok
            ? { ok: true, result: message.result, ...usage }
            : { ok: false, kind: 'error', message: message.message, ...usage },
        );
      };
      this.onExit = (why) => settle({ ok: false, kind: 'crash', message: `environment ${why}` });
      child.send({ type: 'invoke', id, event, context });
    });
  }

  /** Ends the child: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 2_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
