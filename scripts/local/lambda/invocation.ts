/**
 * One invocation of a handler in the local Lambda service, whatever its
 * trigger (queue, schedule, HTTP API): the `Context` data the worker gets and
 * how the invocation ended.
 */
import { randomUUID } from 'node:crypto';

/** The data of a Lambda `Context`; the worker adds the methods (`getRemainingTimeInMillis`, ...). */
export interface ContextInfo {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  /** Epoch milliseconds when the invocation times out. */
  deadlineMs: number;
}

/**
 * What one handler call used, measured inside its execution environment
 * (environment-worker.mjs), which runs one invocation at a time.
 */
export interface ResourceUsage {
  /** Wall time of the handler call: no init, as Lambda's Duration. */
  durationMs: number;
  /** CPU time of the environment's process (user + system, every thread) during the call. */
  cpuMs: number;
  /** Bytes of S3 GetObject response bodies received during the call (s3-read-meter.mjs). */
  s3BytesRead: number;
}

/**
 * How one invocation ended, as the runtime saw it. `usage` is there when the
 * handler ran to an answer (a result or an error), not after a timeout, crash or failed init.
 */
export type InvocationOutcome =
  | { ok: true; result: unknown; usage?: ResourceUsage }
  | { ok: false; kind: 'error' | 'timeout' | 'crash' | 'init'; message: string; usage?: ResourceUsage };

/**
 * The Context data of one invocation. `timeoutSeconds` sets the deadline
 * from `now`; the account comes from the queue ARN so ARNs look real.
 */
export function buildContextInfo(options: {
  functionName: string;
  region: string;
  accountId: string;
  memoryMb: number;
  timeoutSeconds: number;
  now?: number;
  requestId?: string;
}): ContextInfo {
  const { functionName, region, accountId, memoryMb, timeoutSeconds } = options;
  const now = options.now ?? Date.now();
  const day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: options.requestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]local`,
    deadlineMs: now + timeoutSeconds * 1000,
  };
}
