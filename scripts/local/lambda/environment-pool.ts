/**
 * Execution environments of one function, for the gateway's synchronous
 * invocations and the queue pollers' batches alike: an environment runs one
 * invocation at a time, so concurrent invocations get more of them (each a
 * cold start, made only when every warm one is busy), up to `max`; beyond
 * that invocations wait for a free one. Warm environments are reused, as Lambda does.
 */
import type { FunctionOutputs } from '../stack/stack-outputs.ts';
import { createExecutionEnvironment, type ExecutionEnvironment } from './execution-environment.ts';
import { assertHandlerBuilt, handlerPathFor, memoryFor } from './function-settings.ts';
import type { ContextInfo, InvocationOutcome } from './invocation.ts';

export interface EnvironmentPoolOptions {
  name: string;
  fn: FunctionOutputs;
  region: string;
  endpoint: string;
  handlers?: Record<string, string> | undefined;
  env?: Record<string, string> | undefined;
  /** Most environments at once (default 4). */
  max?: number;
  onOutput: (line: string, stream: 'stdout' | 'stderr') => void;
}

export class EnvironmentPool {
  readonly memoryMb: number;
  private readonly handlerPath: string;
  private readonly max: number;
  private readonly all: ExecutionEnvironment[] = [];
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly waiting: ((environment: ExecutionEnvironment) => void)[] = [];

  constructor(private readonly options: EnvironmentPoolOptions) {
    this.memoryMb = memoryFor(options.name, options.fn);
    this.handlerPath = handlerPathFor(options.name, options.fn, options.handlers);
    this.max = Math.max(1, options.max ?? 4);
  }

  private create(): ExecutionEnvironment {
    const { name, fn, region, endpoint, env, onOutput } = this.options;
    const environment = createExecutionEnvironment({
      name,
      fn,
      region,
      endpoint,
      handlerPath: this.handlerPath,
      memoryMb: this.memoryMb,
      extra: env,
      onOutput,
    });
    this.all.push(environment);
    return environment;
  }

  private acquire(): Promise<ExecutionEnvironment> {
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    if (this.all.length < this.max) return Promise.resolve(this.create());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(environment: ExecutionEnvironment) {
    const next = this.waiting.shift();
    if (next) next(environment);
    else this.idle.push(environment);
  }

  /**
   * Starts the first environment, so a handler that cannot load fails now.
   * @throws Error when the bundle is missing or with the handler's init error.
   */
  async warmUp(): Promise<void> {
    assertHandlerBuilt(this.options.name, this.handlerPath);
    const environment = await this.acquire();
    try {
      await environment.start();
    } finally {
      this.release(environment);
    }
  }

  /** How many environments exist (started or being started), never more than `max`. */
  get size(): number {
    return this.all.length;
  }

  /**
   * Lends `work` a free environment (a warm one when there is one) and takes it back after;
   * `work` may look at it (`warm`) before invoking it.
   */
  async withEnvironment<T>(work: (environment: ExecutionEnvironment) => Promise<T>): Promise<T> {
    const environment = await this.acquire();
    try {
      return await work(environment);
    } finally {
      this.release(environment);
    }
  }

  /** Runs one invocation in a free environment; never throws (see ExecutionEnvironment.invoke). */
  invoke(event: unknown, contextInfo: () => ContextInfo): Promise<InvocationOutcome> {
    return this.withEnvironment((environment) => environment.invoke(event, contextInfo));
  }

  /** Ends every environment. */
  async stop(): Promise<void> {
    await Promise.all(this.all.map((environment) => environment.stop()));
  }
}
