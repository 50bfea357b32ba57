import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { StackOutputs } from '../../scripts/local/stack/stack-outputs.ts';
import { removeTapQueue, subscribeTapQueue } from '../../scripts/soak/event-tap.ts';
import { queueDepth as sqsQueueDepth } from '../../scripts/soak/queues.ts';
import type { TestClients } from './aws.ts';
import { waitFor } from './wait.ts';

export type ImageItem = Record<string, unknown> & { imageId: string; status: string };

/** Reads one image record straight from the table. */
export async function getImage(clients: TestClients, stack: StackOutputs, imageId: string) {
  const { Item } = await clients.dynamo.send(
    new GetCommand({ TableName: stack.images_table, Key: { imageId }, ConsistentRead: true }),
  );
  return Item as ImageItem | undefined;
}

/** Waits until the image reaches `status`, reporting the status it was stuck in. */
export async function waitForStatus(
  clients: TestClients,
  stack: StackOutputs,
  imageId: string,
  status: string,
  timeoutMs = 30_000,
): Promise<ImageItem> {
  let seen = 'no record';
  return waitFor(
    `image ${imageId} to be ${status}`,
    async () => {
      const item = await getImage(clients, stack, imageId);
      seen = item ? `${item.status} ${item.statusReason ?? ''}` : 'no record';
      if (item?.status === status) return item;
      throw new Error(`still ${seen}`);
    },
    { timeoutMs },
  );
}

/** Every key under `<imageId>/` in the renditions bucket. */
export async function listRenditionKeys(clients: TestClients, stack: StackOutputs, imageId: string) {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectsV2Command({
        Bucket: stack.renditions_bucket,
        Prefix: `${imageId}/`,
        ContinuationToken: token,
      }),
    );
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

/** Visible plus in-flight messages of a queue. */
export async function queueDepth(clients: TestClients, queueUrl: string): Promise<number> {
  return sqsQueueDepth(clients.sqs, queueUrl);
}

export type DomainEvent = { type: string; imageId: string; [key: string]: unknown };

/**
 * Subscribes a queue of the test's own to image-events with no filter, so a
 * test can count the domain events the pipeline published.
 */
export async function createEventTap(clients: TestClients, stack: StackOutputs) {
  const tap = await subscribeTapQueue(clients, stack.events_topic_arn, 'tap');
  const { queueUrl } = tap;
  const events: DomainEvent[] = [];
  const rawBodies: string[] = [];
  const drain = async () => {
    for (;;) {
      const { Messages = [] } = await clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return;
      for (const message of Messages) {
        rawBodies.push(message.Body ?? '');
        const body = JSON.parse(message.Body ?? '{}');
        if (typeof body.type === 'string') events.push(body as DomainEvent);
      }
    }
  };
  return {
    /** Every domain event published so far. */
    async events(): Promise<DomainEvent[]> {
      await drain();
      return events;
    },
    /** Every message body published so far, S3 events included, as sent. */
    async rawBodies(): Promise<string[]> {
      await drain();
      return rawBodies;
    },
    async close() {
      await removeTapQueue(clients, tap);
    },
  };
}

/** Waits until every function queue is empty: nothing left to process. */
export async function waitForQueuesDrained(clients: TestClients, stack: StackOutputs, timeoutMs = 60_000) {
  const queues = Object.entries(stack.functions).filter(([, fn]) => fn.queue_url);
  await waitFor(
    'every function queue to drain',
    async () => {
      const busy: string[] = [];
      for (const [name, fn] of queues) {
        const depth = await queueDepth(clients, fn.queue_url as string);
        if (depth > 0) busy.push(`${name}=${depth}`);
      }
      if (busy.length === 0) return true;
      throw new Error(`still queued: ${busy.join(', ')}`);
    },
    { timeoutMs },
  );
}
