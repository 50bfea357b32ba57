/**
 * What the local Lambda service runs for a function and with how much
 * memory: the built handler bundle and the function's memory size.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FunctionOutputs } from '../stack/stack-outputs.ts';
import { REPO_ROOT } from '../tools.ts';

/**
 * Lambda memory of a function: `memory_mb` from the outputs when present,
 * else `memoryMb` of functions/<name>/function.json, else 128.
 */
export function memoryFor(name: string, fn: FunctionOutputs): number {
  if (fn.memory_mb) return fn.memory_mb;
  const manifest = path.join(REPO_ROOT, 'functions', name, 'function.json');
  if (existsSync(manifest)) return Number(JSON.parse(readFileSync(manifest, 'utf8')).memoryMb ?? 128);
  return 128;
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
