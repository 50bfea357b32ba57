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

/** How one invocation ended, as the runtime saw it. */
export type InvocationOutcome =
  | { ok: true; result: unknown }
  | { ok: false; kind: 'error' | 'timeout' | 'crash' | 'init'; message: string };

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
