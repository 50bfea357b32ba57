/**
 * What the local Lambda service runs for a function and with how much: the
 * built handler bundle, the function's memory size and how many execution
 * environments its queue poller may keep busy at once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { FunctionOutputs } from '../stack/stack-outputs.ts';
import { REPO_ROOT } from '../tools.ts';

/** functions/<name>/function.json, or undefined when there is none (test stacks). */
function readManifest(name: string): Record<string, unknown> | undefined {
  const manifest = path.join(REPO_ROOT, 'functions', name, 'function.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')) : undefined;
}

/**
 * Lambda memory of a function: `memory_mb` from the outputs when present,
 * else `memoryMb` of functions/<name>/function.json, else 128.
 */
export function memoryFor(name: string, fn: FunctionOutputs): number {
  if (fn.memory_mb) return fn.memory_mb;
  return Number(readManifest(name)?.memoryMb ?? 128);
}

/**
 * Most batches a queue function's poller runs at once: `maximum_concurrency` from the
 * outputs when present, else what terraform/modules/function sets the event source
 * mapping's `scaling_config.maximum_concurrency` to: function.json `reservedConcurrency`,
 * at least 2 (SQS mappings take 2-1000), and 2 without one.
 * https://docs.aws.amazon.com/lambda/latest/api/API_ScalingConfig.html
 */
export function maxConcurrencyFor(name: string, fn: FunctionOutputs): number {
  if (fn.maximum_concurrency) return fn.maximum_concurrency;
  const reserved = readManifest(name)?.reservedConcurrency;
  return Math.max(2, typeof reserved === 'number' ? reserved : 2);
}

/**
 * How many execution environments the local runtime runs at once for a queue function:
 * its maximum concurrency, bounded by the machine's CPUs (or by `limit`, which
 * replaces that bound: LOCAL_LAMBDA_MAX_ENVIRONMENTS or the runtime's `maxEnvironments`,
 * checked there); at least 1.
 */
export function environmentsFor(name: string, fn: FunctionOutputs, limit?: number): number {
  return Math.max(1, Math.min(maxConcurrencyFor(name, fn), limit ?? availableParallelism()));
}

/**
 * The handler module to run for a function: `handlers[name]`, else
 * `handler_path` from the outputs, else functions/<name>/dist/index.mjs.
 */
export function handlerPathFor(
  name: string,
  fn: FunctionOutputs,
  handlers: Record<string, string> | undefined,
): string {
  return path.resolve(
    handlers?.[name] ?? fn.handler_path ?? path.join(REPO_ROOT, 'functions', name, 'dist', 'index.mjs'),
  );
}

/** @throws Error naming the function when its handler bundle at `handlerPath` has not been built. */
export function assertHandlerBuilt(name: string, handlerPath: string): void {
  if (!existsSync(handlerPath)) {
    throw new Error(`${name}: no handler bundle at ${handlerPath}; run \`make package\` first`);
  }
}
