/**
 * A queue of the soak's own, subscribed to image-events with no filter and
 * raw delivery: it sees every domain event the functions publish and every
 * S3 notification as sent, so the soak can count events (and the emails they
 * should cause) and re-deliver a real S3 event. Polled in the background;
 * messages are deleted once read, so nothing is counted twice.
 */
import { type SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { decodeS3Key } from '@pipeline/domain';
import type { SoakClients } from './clients.ts';

/** A domain event as published (the body of an image-events message). */
export interface TappedEvent {
  type: string;
  imageId: string;
  version: string;
  [field: string]: unknown;
}

/** One S3 notification as published: its raw JSON and the records it holds. */
export interface TappedS3Message {
  body: string;
  records: { eventName: string; key: string; eTag: string | undefined }[];
}

/** A queue of the caller's own, subscribed to a topic (see {@link subscribeTapQueue}). */
export interface TapQueue {
  queueUrl: string;
  subscriptionArn: string;
}

/**
 * Creates a queue named `<prefix>-<time>-<random>` and subscribes it to `topicArn` with no
 * filter and raw delivery, so it receives every message as published. Undo with {@link removeTapQueue}.
 */
export async function subscribeTapQueue(
  clients: { sqs: SQSClient; sns: SNSClient },
  topicArn: string,
  prefix: string,
): Promise<TapQueue> {
  const name = `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name }));
  const queueUrl = QueueUrl as string;
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const { SubscriptionArn } = await clients.sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: Attributes?.QueueArn,
      Attributes: { RawMessageDelivery: 'true' },
    }),
  );
  return { queueUrl, subscriptionArn: SubscriptionArn as string };
}

/** Unsubscribes a tap queue and deletes it. */
export async function removeTapQueue(
  clients: { sqs: SQSClient; sns: SNSClient },
  tap: TapQueue,
): Promise<void> {
  await clients.sns.send(new UnsubscribeCommand({ SubscriptionArn: tap.subscriptionArn }));
  await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: tap.queueUrl }));
}

export class EventTap {
  private readonly domainEvents: TappedEvent[] = [];
  private readonly s3Messages: TappedS3Message[] = [];
  private stopped = false;
  private emptyPolls = 0;
  private readonly loop: Promise<void>;

  private constructor(
    private readonly clients: SoakClients,
    private readonly queueUrl: string,
    private readonly subscriptionArn: string,
  ) {
    this.loop = this.poll();
  }

  /** Creates the tap queue, subscribes it to `topicArn` and starts polling. */
  static async open(clients: SoakClients, topicArn: string): Promise<EventTap> {
    const { queueUrl, subscriptionArn } = await subscribeTapQueue(clients, topicArn, 'soak-tap');
    return new EventTap(clients, queueUrl, subscriptionArn);
  }

  private async poll(): Promise<void> {
    while (!this.stopped) {
      try {
        const { Messages = [] } = await this.clients.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        if (Messages.length === 0) {
          this.emptyPolls += 1;
          continue;
        }
        for (const message of Messages) this.record(message.Body ?? '');
        await this.clients.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle as string })),
          }),
        );
      } catch (error) {
        if (this.stopped) return;
        process.stderr.write(`[soak] event tap: ${(error as Error).message}; retrying\n`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private record(body: string): void {
    let parsed: { type?: unknown; imageId?: unknown; Records?: unknown };
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    if (typeof parsed.type === 'string' && typeof parsed.imageId === 'string') {
      this.domainEvents.push(parsed as TappedEvent);
      return;
    }
    if (!Array.isArray(parsed.Records)) return;
    const records = (
      parsed.Records as { eventName?: string; s3?: { object?: { key?: string; eTag?: string } } }[]
    )
      .filter((r) => typeof r.eventName === 'string' && typeof r.s3?.object?.key === 'string')
      .map((r) => ({
        eventName: r.eventName as string,
        key: decodeS3Key(r.s3?.object?.key as string),
        eTag: r.s3?.object?.eTag,
      }));
    this.s3Messages.push({ body, records });
  }

  /** Domain events seen so far (call {@link settle} first for all of them). */
  events(): readonly TappedEvent[] {
    return this.domainEvents;
  }

  /**
   * The first S3 notification with an `eventName` starting with `prefix` for `key`.
   * @throws Error when none arrives within `timeoutMs`.
   */
  async s3Message(key: string, prefix: string, timeoutMs = 30_000): Promise<TappedS3Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.s3Messages.find((m) =>
        m.records.some((r) => r.key === key && r.eventName.startsWith(prefix)),
      );
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${prefix}* S3 event for ${key} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Resolves after two empty polls that started after this call: everything published before it is read. */
  async settle(timeoutMs = 30_000): Promise<void> {
    const target = this.emptyPolls + 2;
    const deadline = Date.now() + timeoutMs;
    while (this.emptyPolls < target) {
      if (Date.now() > deadline) throw new Error(`event tap still busy after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Stops polling, unsubscribes and deletes the tap queue. */
  async close(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await removeTapQueue(this.clients, { queueUrl: this.queueUrl, subscriptionArn: this.subscriptionArn });
  }
}
