/** What a test needs to import and run a function's real handler module. */
import type { Context, SQSEvent } from 'aws-lambda';
import { beforeAll, vi } from 'vitest';
import { config } from './unit-deps.js';

/** The shape of every queue handler: an SQS batch in, the failed message ids out. */
export type QueueHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

/** Stubs `vars` and what every handler test sets besides: the region, and a silent logger. */
export function stubLambdaEnv(vars: Record<string, string>): void {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
}

/** The environment a handler reads at import (what Terraform sets), from `config`; `extra` adds more. */
export function stubFunctionEnv(extra: Record<string, string> = {}): void {
  stubLambdaEnv({
    UPLOADS_BUCKET: config.uploadsBucket,
    RENDITIONS_BUCKET: config.renditionsBucket,
    IMAGES_TABLE: config.imagesTable,
    EVENTS_TOPIC_ARN: config.eventsTopicArn,
    NEAR_DUPLICATES_TABLE: config.nearDuplicatesTable ?? '',
    ...extra,
  });
}

/** A Lambda context for `functionName`'s handler. */
export function lambdaContext(functionName: string): Context {
  return { functionName, awsRequestId: 'req-1' } as Context;
}

/** The EMF documents (Powertools Metrics lines) a handler printed on stdout during `run`. */
export async function emfDuring(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const write = vi.spyOn(process.stdout, 'write');
  try {
    await run();
    return write.mock.calls
      .map(([chunk]) => String(chunk))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  } finally {
    write.mockRestore();
  }
}

/**
 * Imports a queue function's real handler once (before the file's tests), with
 * the function's environment stubbed (see {@link stubFunctionEnv}; `env` adds
 * to it), and returns a runner: an SQS batch in, the handler's response out.
 */
export function useQueueHandler(
  functionName: string,
  load: () => Promise<{ handler: QueueHandler }>,
  env: Record<string, string> = {},
): (event: SQSEvent) => ReturnType<QueueHandler> {
  let handler: QueueHandler | undefined;
  beforeAll(async () => {
    stubFunctionEnv(env);
    ({ handler } = await load());
  });
  return (event) => {
    if (!handler) throw new Error(`${functionName} handler: not loaded yet (call the runner inside a test)`);
    return handler(event, lambdaContext(functionName));
  };
}
