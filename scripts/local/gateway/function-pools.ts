/**
 * The gateway's side of the Lambda service: per http-triggered function, a
 * pool of execution environments (one per concurrent request, as Lambda
 * scales) whose output lines are shown under the function's name.
 */
import { EnvironmentPool } from '../lambda/environment-pool.ts';
import { formatLogLine, type LogStyle, makePrefix } from '../log-format.ts';
import type { StackOutputs } from '../stack/stack-outputs.ts';

/** One function's pool and where its lines go. */
export interface FunctionPool {
  pool: EnvironmentPool;
  say: (text: string) => void;
}

export interface FunctionPoolsOptions {
  outputs: StackOutputs;
  endpoint: string;
  names: string[];
  handlers: Record<string, string> | undefined;
  env: Record<string, string> | undefined;
  /** Most environments per function. */
  concurrency: number;
  log: (line: string) => void;
  style: LogStyle;
  /** Width of the name column of the log prefix. */
  width: number;
}

/** Ends every pool's environments. */
export async function stopPools(pools: Map<string, FunctionPool>): Promise<void> {
  await Promise.all([...pools.values()].map(({ pool }) => pool.stop()));
}

/**
 * A pool per function in `names`, each with its first environment started.
 * @throws Error when a handler is missing or fails to load, after ending every pool.
 */
export async function startPools(options: FunctionPoolsOptions): Promise<Map<string, FunctionPool>> {
  const { outputs, style } = options;
  const pools = new Map(
    options.names.map((name, index) => {
      const prefix = makePrefix(style, name, options.width, index + 4);
      const say = (text: string) => options.log(`${prefix}${text}`);
      const pool = new EnvironmentPool({
        name,
        fn: outputs.functions[name] as StackOutputs['functions'][string],
        region: outputs.region,
        endpoint: options.endpoint,
        handlers: options.handlers,
        env: options.env,
        max: options.concurrency,
        onOutput: (line) => {
          for (const shown of formatLogLine(line, style)) say(shown);
        },
      });
      return [name, { pool, say }] as const;
    }),
  );
  await Promise.all([...pools.values()].map(({ pool }) => pool.warmUp())).catch(async (error) => {
    await stopPools(pools);
    throw error;
  });
  return pools;
}
