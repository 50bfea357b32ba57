/**
 * The environment variables a function's execution environment gets
 * locally: what Lambda itself sets, the function's `environment` from
 * terraform output, and the local AWS endpoint with test credentials.
 * Nothing else leaks in from the developer's shell.
 */
import path from 'node:path';
import { LOCAL_CREDENTIAL_ENV } from '@pipeline/local-aws/credentials';
import type { FunctionOutputs } from '../stack/stack-outputs.ts';

/** Shell variables a process needs to run at all; the only ones inherited. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG'];

/**
 * Test instrumentation the runtime's own environment turns on for every
 * function: PIPELINE_CALL_LOG makes packages/aws record each AWS call there
 * (tests/support/global-setup.ts sets it for the integration suite).
 */
const PASSED_THROUGH = ['PIPELINE_CALL_LOG'];

/** What {@link functionEnvVars} builds one function's environment from. */
export interface FunctionEnvVarsOptions {
  name: string;
  fn: FunctionOutputs;
  region: string;
  endpoint: string;
  handlerPath: string;
  memoryMb: number;
  extra?: Record<string, string> | undefined;
}

/** Every variable of one function's environment; `extra` wins over all the rest. */
export function functionEnvVars(options: FunctionEnvVarsOptions): Record<string, string> {
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
    ...LOCAL_CREDENTIAL_ENV,
    ...passedThrough,
    ...options.extra,
  };
}
