/**
 * The environment a function's execution environment gets locally: what
 * Lambda itself sets, the function's `environment` from terraform output,
 * and the local AWS endpoint with test credentials. Nothing else leaks in
 * from the developer's shell.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FunctionOutputs } from './stack.ts';
import { REPO_ROOT } from './tools.ts';

/** Shell variables a process needs to run at all; the only ones inherited. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG'];

/**
 * Test instrumentation the runtime's own environment turns on for every
 * function: PIPELINE_CALL_LOG makes packages/aws record each AWS call there
 * (tests/support/global-setup.ts sets it for the integration suite).
 */
const PASSED_THROUGH = ['PIPELINE_CALL_LOG'];

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

/** What {@link lambdaEnv} builds one function's environment from. */
export interface LambdaEnvOptions {
  name: string;
  fn: FunctionOutputs;
  region: string;
  endpoint: string;
  handlerPath: string;
  memoryMb: number;
  extra?: Record<string, string> | undefined;
}

/** Every variable of one function's environment; `extra` wins over all the rest. */
export function lambdaEnv(options: LambdaEnvOptions): Record<string, string> {
  const { name, fn, region, endpoint, handlerPath, memoryMb } = options;
  const inherited = Object.fromEntries(
    INHERITED.flatMap((key) => (process.env[key] ? [[key, process.env[key] as string]] : [])),
  );
  const passedThrough = Object.fromEntries(
    PASSED_THROUGH.flatMap((key) => (process.env[key] ? [[key, process.env[key] as string]] : [])),
  );
  return {
    ...inherited,
    TZ: 'UTC',
    // Lambda runs the bundles' node22 target; the SDK's warning about an older local Node is noise here.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    LAMBDA_TASK_ROOT: path.dirname(handlerPath),
    _HANDLER: 'index.handler',
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`,
    AWS_LAMBDA_FUNCTION_NAME: fn.function_name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.function_name}`,
    POWERTOOLS_SERVICE_NAME: name,
    ...fn.environment,
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    ...passedThrough,
    ...options.extra,
  };
}
