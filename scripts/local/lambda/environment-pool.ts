/**
 * Execution environments of one function for synchronous invocations: an
 * environment runs one invocation at a time, so concurrent requests get
 * more of them (each a cold start), up to `max`; beyond that requests wait
 * for a free one. Warm environments are reused, as Lambda does.
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

  /** Runs one invocation in a free environment; never throws (see ExecutionEnvironment.invoke). */
  async invoke(event: unknown, contextInfo: () => ContextInfo): Promise<InvocationOutcome> {
    const environment = await this.acquire();
    try {
      return await environment.invoke(event, contextInfo);
    } finally {
      this.release(environment);
    }
  }

  /** Ends every environment. */
  async stop(): Promise<void> {
    await Promise.all(this.all.map((environment) => environment.stop()));
  }
}
