/**
 * Moving dead letters back to their source queue, the way `make redrive`
 * does it. moto has no StartMessageMoveTask, so this is receive → send →
 * delete, in that order: a message leaves the DLQ only after its copy is in
 * the source queue, so a failure can duplicate a message but never lose one
 * (the handlers are idempotent).
 */
import {
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { FunctionOutputs } from '@pipeline/local/stack/stack-outputs.ts';

/** A queue function's queue and DLQ, found by {@link resolveQueue}. */
export interface RedriveTarget {
  /** The function (manifest folder) name. */
  name: string;
  queueUrl: string;
  dlqUrl: string;
}

const queueNameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/**
 * Finds the queue `name` means: a function name (`ingest`), its queue's name
 * (`local-ingest`) or its DLQ's name (`local-ingest-dlq`).
 * @throws Error listing the names it knows when none matches.
 */
export function resolveQueue(
  functions: Record<string, Pick<FunctionOutputs, 'queue_url' | 'dlq_url'>>,
  name: string,
): RedriveTarget {
  const targets = Object.entries(functions).flatMap(([fn, f]) =>
    f.queue_url && f.dlq_url ? [{ name: fn, queueUrl: f.queue_url, dlqUrl: f.dlq_url }] : [],
  );
  const found = targets.find(
    (t) => t.name === name || queueNameOf(t.queueUrl) === name || queueNameOf(t.dlqUrl) === name,
  );
  if (found) return found;
  const known = targets.map((t) => t.name).sort();
  throw new Error(
    `no queue "${name}": use a queue function's name (${known.join(', ') || 'none in this stack'})`,
  );
}

/**
 * A received message as a SendMessageBatch entry: same body and message
 * attributes (type and value; SQS reserves the list fields). System
 * attributes (receive count, sent time) belong to the new message.
 */
export function toSendEntry(message: Message, id: string): SendMessageBatchRequestEntry {
  const attributes = Object.entries(message.MessageAttributes ?? {}).map(
    ([key, a]): [string, MessageAttributeValue] => [
      key,
      {
        DataType: a.DataType,
        ...(a.StringValue !== undefined && { StringValue: a.StringValue }),
        ...(a.BinaryValue !== undefined && { BinaryValue: a.BinaryValue }),
      },
    ],
  );
  return {
    Id: id,
    MessageBody: message.Body,
    ...(attributes.length > 0 && { MessageAttributes: Object.fromEntries(attributes) }),
  };
}

export interface RedriveOptions {
  sqs: SQSClient;
  /** The dead-letter queue to empty. */
  dlqUrl: string;
  /** Where its messages go back to. */
  queueUrl: string;
  /**
   * How long a received dead letter stays hidden, s (default 300). One that
   * could not be moved reappears only after it, so the run stops receiving
   * before then: nothing is received twice in one run.
   */
  visibilityTimeoutSeconds?: number;
  /** Consecutive empty receives that mean the DLQ is empty (default 3). */
  emptyReceivesToStop?: number;
  /** Long-poll wait of each receive, s (default 1): long polling asks every SQS server, not a sample. */
  waitTimeSeconds?: number;
  /** Called after each batch with the running totals. */
  onProgress?: (result: RedriveResult) => void;
}

export interface RedriveResult {
  /** Sent to the source queue and deleted from the DLQ. */
  moved: number;
  /** The source queue refused them: still in the DLQ, visible again after the visibility timeout. */
  notSent: number;
  /** Sent, but the DLQ delete failed: now in both queues (they come back after the visibility timeout). */
  notDeleted: number;
  /** True when the run stopped at its time limit with messages possibly left. */
  timedOut: boolean;
}

/** Thrown when a whole SQS call fails; `result` says what had been moved before. */
export class RedriveError extends Error {
  constructor(
    message: string,
    readonly result: RedriveResult,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RedriveError';
  }
}

/**
 * Moves every message of `dlqUrl` back to `queueUrl` (standard queues): up
 * to 10 at a time, receive with all message attributes, SendMessageBatch,
 * then DeleteMessageBatch of exactly the entries the send accepted. Stops
 * after `emptyReceivesToStop` empty receives in a row, or before the
 * visibility timeout could return a message it already received.
 * @throws RedriveError when a receive, send or delete call fails as a whole
 *   (nothing of that batch is deleted unless its send succeeded).
 */
export async function redriveQueue(options: RedriveOptions): Promise<RedriveResult> {
  const { sqs, dlqUrl, queueUrl, onProgress } = options;
  const visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? 300;
  const emptyReceivesToStop = options.emptyReceivesToStop ?? 3;
  const waitTimeSeconds = options.waitTimeSeconds ?? 1;
  if (queueUrl.endsWith('.fifo'))
    throw new Error(`redriveQueue: FIFO queues are not supported (${queueUrl})`);
  if (visibilityTimeoutSeconds < waitTimeSeconds + 30)
    throw new Error('redriveQueue: visibilityTimeoutSeconds must be at least waitTimeSeconds + 30');

  const result: RedriveResult = { moved: 0, notSent: 0, notDeleted: 0, timedOut: false };
  // Leave room for one more receive, send and delete before the first hidden message could return.
  const deadline = Date.now() + (visibilityTimeoutSeconds - waitTimeSeconds - 10) * 1000;
  const step = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw new RedriveError(
        `${what} failed after ${result.moved} moved: ${(error as Error).message}`,
        result,
        {
          cause: error,
        },
      );
    }
  };

  let empty = 0;
  while (empty < emptyReceivesToStop) {
    if (Date.now() >= deadline) {
      result.timedOut = true;
      break;
    }
    const { Messages: messages = [] } = await step('ReceiveMessage', () =>
      sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: dlqUrl,
          MaxNumberOfMessages: 10,
          MessageAttributeNames: ['All'],
          VisibilityTimeout: visibilityTimeoutSeconds,
          WaitTimeSeconds: waitTimeSeconds,
        }),
      ),
    );
    if (messages.length === 0) {
      empty += 1;
      continue;
    }
    empty = 0;

    const entries = messages.map((m, i) => toSendEntry(m, `m${i}`));
    const sent = await step('SendMessageBatch', () =>
      sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries })),
    );
    const sentIds = new Set((sent.Successful ?? []).map((s) => s.Id));
    result.notSent += messages.length - sentIds.size;
    const toDelete = messages.flatMap((m, i) =>
      sentIds.has(`m${i}`) ? [{ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle }] : [],
    );
    if (toDelete.length > 0) {
      const deleted = await step('DeleteMessageBatch', () =>
        sqs.send(new DeleteMessageBatchCommand({ QueueUrl: dlqUrl, Entries: toDelete })),
      );
      const failed = deleted.Failed?.length ?? 0;
      result.notDeleted += failed;
      result.moved += toDelete.length - failed;
    }
    onProgress?.({ ...result });
  }
  return result;
}
