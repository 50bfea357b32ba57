/**
 * Per-invocation measurements of the local Lambda service, for the benchmark
 * (startRuntime's `onInvocation`): how long a batch's handler call ran, the
 * CPU it used, the S3 bytes it read, and which images it was about, so cost
 * can be attributed per image. A measurement hook of the local runtime only.
 */
import { decodeS3Key, parseUploadKey } from '@pipeline/domain';
import type { SQSEvent } from 'aws-lambda';
import type { InvocationOutcome } from './invocation.ts';

/** One invocation of a queue function, measured (see ResourceUsage in invocation.ts). */
export interface InvocationStats {
  /** The function's name in the stack outputs (functions/<name>), as in the log prefix: `resize`. */
  functionName: string;
  /**
   * The handler call's wall time, measured in its environment: no init and no queue
   * round trips, as Lambda's Duration. After a timeout or crash, the runtime's own
   * measure from sending the event to the end.
   */
  durationMs: number;
  /** CPU time (user + system, every thread) of the environment's process during the call; 0 when unmeasured. */
  cpuMs: number;
  /** Bytes of S3 GetObject response bodies received during the call; 0 when unmeasured. */
  s3BytesRead: number;
  /** Messages in the batch. */
  records: number;
  /** Every message of the batch succeeded (the condition of the `✔ N ok` log line). */
  ok: boolean;
  /** True when this invocation started its execution environment (a cold start). */
  coldStart: boolean;
  /** Images the batch's messages are about (upload keys of S3 events, `imageId` of domain events), once each. */
  imageIds?: string[];
}

/** Callback that receives the stats of every queue invocation. */
export type InvocationListener = (stats: InvocationStats) => void;

/** JSON of `text`, or undefined. */
function json(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The images one message body is about: S3 event upload keys or a domain event's imageId, in an SNS envelope or not. */
function imageIdsOfBody(body: unknown, depth = 0): string[] {
  if (!body || typeof body !== 'object' || depth > 1) return [];
  const message = body as { Type?: unknown; Message?: unknown; Records?: unknown; imageId?: unknown };
  if (message.Type === 'Notification') return imageIdsOfBody(json(message.Message), depth + 1);
  if (typeof message.imageId === 'string') return [message.imageId];
  if (!Array.isArray(message.Records)) return [];
  return message.Records.flatMap((record: { s3?: { object?: { key?: unknown } } }) => {
    const key = record?.s3?.object?.key;
    if (typeof key !== 'string') return [];
    try {
      const parsed = parseUploadKey(decodeS3Key(key));
      return parsed ? [parsed.imageId] : [];
    } catch {
      return []; // a malformed key is the function's to reject; the stats just leave it out
    }
  });
}

/** The images a batch is about, once each, in order of first mention. */
export function imageIdsOf(event: SQSEvent): string[] {
  return [...new Set(event.Records.flatMap((record) => imageIdsOfBody(json(record.body))))];
}

/** The stats of one queue invocation, from its event, outcome and settlement. */
export function invocationStats(options: {
  functionName: string;
  event: SQSEvent;
  outcome: InvocationOutcome;
  allSucceeded: boolean;
  coldStart: boolean;
  /** The runtime's own measure of the call, for when the environment could not measure it. */
  elapsedMs: number;
}): InvocationStats {
  const { functionName, event, outcome, allSucceeded, coldStart, elapsedMs } = options;
  const imageIds = imageIdsOf(event);
  return {
    functionName,
    durationMs: outcome.usage?.durationMs ?? elapsedMs,
    cpuMs: outcome.usage?.cpuMs ?? 0,
    s3BytesRead: outcome.usage?.s3BytesRead ?? 0,
    records: event.Records.length,
    ok: allSucceeded,
    coldStart,
    ...(imageIds.length > 0 && { imageIds }),
  };
}
