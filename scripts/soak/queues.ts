/**
 * The function queues as the soak sees them: waiting until they drain,
 * reading dead letters without consuming them, and redriving dead letters
 * to their source queue (what an operator does with `make redrive`).
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { StackOutputs } from '../local/stack/stack-outputs.ts';

/** A function's queue and its dead-letter queue. */
export interface FunctionQueue {
  name: string;
  queueUrl: string;
  dlqUrl: string | undefined;
}

/** The queues of the named functions (default: every function with a queue). */
export function functionQueues(outputs: StackOutputs, names?: readonly string[]): FunctionQueue[] {
  return Object.entries(outputs.functions)
    .filter(([name, fn]) => fn.queue_url && (!names || names.includes(name)))
    .map(([name, fn]) => ({ name, queueUrl: fn.queue_url as string, dlqUrl: fn.dlq_url ?? undefined }));
}

/** Visible plus in-flight (received, not yet deleted) messages of a queue. */
export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

/**
 * Resolves once every queue is empty (nothing visible, nothing in flight) on
 * two polls in a row. Handlers publish before their message is deleted, so an
 * empty queue means its work and the work it caused are queued elsewhere or done.
 * @throws Error naming the busy queues after `timeoutMs`.
 */
export async function waitForDrain(
  sqs: SQSClient,
  queues: readonly FunctionQueue[],
  { timeoutMs = 120_000, intervalMs = 500 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let busy: string[] = [];
  while (quiet < 2) {
    busy = [];
    for (const queue of queues) {
      const depth = await queueDepth(sqs, queue.queueUrl);
      if (depth > 0) busy.push(`${queue.name}=${depth}`);
    }
    quiet = busy.length === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return;
    if (Date.now() > deadline) {
      throw new Error(`queues did not drain within ${timeoutMs} ms; still queued: ${busy.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Receives every message of a queue, each once: they stay hidden for a minute unless released. */
async function receiveAll(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const seen = new Map<string, Message>();
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 60,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return [...seen.values()];
    for (const message of Messages) seen.set(message.MessageId as string, message);
  }
}

async function inBatches(messages: Message[], send: (batch: Message[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) await send(messages.slice(i, i + 10));
}

async function release(sqs: SQSClient, queueUrl: string, messages: Message[]): Promise<void> {
  await inBatches(messages, (batch) =>
    sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((m, i) => ({
          Id: String(i),
          ReceiptHandle: m.ReceiptHandle as string,
          VisibilityTimeout: 0,
        })),
      }),
    ),
  );
}

/** Every message of a (dead-letter) queue, left in place: each read once, then made visible again. */
export async function peekMessages(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const messages = await receiveAll(sqs, queueUrl);
  await release(sqs, queueUrl, messages);
  return messages;
}

/**
 * Moves the dead letters that `select` picks back to the function's queue
 * (same body and attributes; the receive count starts again), as `make
 * redrive` does. Messages not selected stay in the DLQ.
 * @returns how many were moved.
 */
export async function redrive(
  sqs: SQSClient,
  queue: FunctionQueue,
  select: (message: Message) => boolean = () => true,
): Promise<number> {
  if (!queue.dlqUrl) return 0;
  const dlqUrl = queue.dlqUrl;
  const received = await receiveAll(sqs, dlqUrl);
  const chosen = received.filter(select);
  for (const message of chosen) {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.queueUrl,
        MessageBody: message.Body ?? '',
        ...(message.MessageAttributes ? { MessageAttributes: message.MessageAttributes } : {}),
      }),
    );
  }
  // Deleted only once every copy is queued: a failure above leaves a duplicate, never a loss.
  await inBatches(chosen, (batch) =>
    sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: dlqUrl,
        Entries: batch.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle as string })),
      }),
    ),
  );
  await release(
    sqs,
    dlqUrl,
    received.filter((m) => !chosen.includes(m)),
  );
  return chosen.length;
}

/**
 * Sets the visibility timeout of `queues` and returns how to put the old
 * values back. A message a dead runtime held comes back after the queue's
 * visibility timeout, as on SQS; lowering it while the soak kills the runtime
 * makes that seconds instead of minutes (6 × the function timeout).
 */
export async function setVisibilityTimeout(
  sqs: SQSClient,
  queues: readonly FunctionQueue[],
  seconds: number,
): Promise<() => Promise<void>> {
  const previous = new Map<string, string>();
  for (const queue of queues) {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.queueUrl, AttributeNames: ['VisibilityTimeout'] }),
    );
    previous.set(queue.queueUrl, Attributes.VisibilityTimeout ?? '30');
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: queue.queueUrl,
        Attributes: { VisibilityTimeout: String(seconds) },
      }),
    );
  }
  return async () => {
    for (const [queueUrl, value] of previous) {
      await sqs.send(
        new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { VisibilityTimeout: value } }),
      );
    }
  };
}
