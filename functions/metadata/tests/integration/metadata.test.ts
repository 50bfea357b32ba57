import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, PurgeQueueCommand } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { motoStack } from '../../../../tests/support/aws.ts';
// Publishing straight to the topic, as other systems do (shared with the other direct-message suite).
import * as direct from '../../../../tests/support/direct-messages.ts';
import { getImage, queueDepth } from '../../../../tests/support/pipeline.ts';
import { waitFor } from '../../../../tests/support/wait.ts';

const { stack, endpoint, clients } = motoStack();

/** Publishes `{ id, value }` with the metadata_type attribute, with the real aws CLI. */
const publishMetadata = (metadataType: string, id: string, value: unknown) =>
  direct.publishWithCli(endpoint, stack, JSON.stringify({ id, value }), { metadata_type: metadataType });

/** Waits until the image's record satisfies `check`. */
const waitForRecord = (imageId: string, what: string, check: (item: Record<string, unknown>) => boolean) =>
  waitFor(`image ${imageId} to have ${what}`, async () => {
    const item = await getImage(clients, stack, imageId);
    if (item && check(item)) return item;
    throw new Error(`record is ${JSON.stringify(item)}`);
  });

const runtimes = new direct.DirectMessageRuntimes(endpoint, stack, 'metadata');
const { log } = runtimes;
let target: string;
let bystander: string;

beforeAll(async () => {
  await runtimes.startPipeline();
  [target, bystander] = await direct.uploadProcessedImageIds(clients, stack, 'meta-alice', 'meta-bob');
});
afterEach(() => runtimes.stopServed());
afterAll(() => runtimes.stopPipeline());

describe('metadata against moto: edits', () => {
  it('sets caption, takenAt and photographer from Caption, Date and Name messages on that image only', async () => {
    await runtimes.serve();
    const before = await getImage(clients, stack, bystander);

    await publishMetadata('Caption', target, 'Harbour at dawn');
    await publishMetadata('Date', target, '2024-05-06T07:08:09+02:00');
    await publishMetadata('Name', target, 'Ann Lee');

    const after = await waitForRecord(target, 'all three fields', (item) => Boolean(item.photographer));
    expect(after).toMatchObject({
      caption: 'Harbour at dawn',
      takenAt: '2024-05-06T07:08:09+02:00',
      photographer: 'Ann Lee',
      status: 'PROCESSED',
    });
    await direct.waitForQueueAndDlqEmpty(clients, stack, 'metadata');
    expect(await getImage(clients, stack, bystander)).toEqual(before);

    // null clears a field; the same message again changes nothing more.
    await publishMetadata('Name', target, null);
    await publishMetadata('Name', target, null);
    await waitForRecord(target, 'no photographer', (item) => !('photographer' in item));
    await direct.waitForQueueAndDlqEmpty(clients, stack, 'metadata');
    expect(await getImage(clients, stack, target)).toMatchObject({ caption: 'Harbour at dawn' });
    expect(log.failedBatchesOf('metadata')).toEqual([]);
  });

  it('acknowledges unknown types, malformed bodies, invalid values, unknown ids and DELETED images', async () => {
    const deleted = (await direct.uploadDeletedImage(clients, stack, 'meta-carol')).imageId;
    await runtimes.serve();
    const before = await Promise.all([target, bystander, deleted].map((id) => getImage(clients, stack, id)));

    const cases: Array<[string, string, RegExp]> = [
      ['Location', JSON.stringify({ id: target, value: 'Oslo' }), /metadata_type: unknown value "Location"/],
      ['Caption', 'caption=Harbour', /body: not JSON/],
      ['Caption', JSON.stringify({ id: target }), /value: is required/],
      ['Caption', JSON.stringify({ id: target, value: 'x'.repeat(501) }), /value: must be at most 500/],
      ['Date', JSON.stringify({ id: target, value: 'last Tuesday' }), /value: must be an ISO-8601 date/],
      ['Name', JSON.stringify({ id: '../etc/passwd', value: 'Eve' }), /id: must be an image id/],
      ['Caption', JSON.stringify({ id: randomUUID(), value: 'Lost' }), /id: no image/],
      ['Caption', JSON.stringify({ id: deleted, value: 'Gone' }), /is DELETED; it can no longer be edited/],
    ];
    for (const [type, body] of cases)
      await direct.publishWithCli(endpoint, stack, body, { metadata_type: type });

    for (const [, , reason] of cases) {
      const entry = await log.waitForAcknowledged('metadata', reason);
      expect(entry.receiveCount).toBe('1');
    }
    await direct.waitForQueueAndDlqEmpty(clients, stack, 'metadata');
    expect(log.failedBatchesOf('metadata')).toEqual([]);
    const after = await Promise.all([target, bystander, deleted].map((id) => getImage(clients, stack, id)));
    expect(after).toEqual(before);
  });
});

describe('metadata against moto: retries', () => {
  it('retries a transient DynamoDB failure until the edit applies', async () => {
    await runtimes.serve({ PIPELINE_FAULTS: 'dynamodb:UpdateItem=2' });
    const before = await getImage(clients, stack, bystander);

    await publishMetadata('Caption', target, 'Retried caption');

    await waitForRecord(target, 'the retried caption', (item) => item.caption === 'Retried caption');
    await direct.waitForQueueAndDlqEmpty(clients, stack, 'metadata');
    expect(log.failedBatchesOf('metadata')).toHaveLength(2);
    expect(await getImage(clients, stack, bystander)).toEqual(before);
  });

  it('dead-letters a message whose transient failure outlasts maxReceiveCount', async () => {
    await runtimes.serve({ PIPELINE_FAULTS: 'dynamodb:UpdateItem=100' });
    const failuresBefore = log.failedBatchesOf('metadata').length;
    const captionBefore = (await getImage(clients, stack, target))?.caption;
    const dlqUrl = stack.functions.metadata?.dlq_url as string;

    await publishMetadata('Caption', target, 'Never applied');

    await waitFor(
      'the message to reach the DLQ',
      async () => ((await queueDepth(clients, dlqUrl)) === 1 ? true : undefined),
      {
        timeoutMs: 60_000,
      },
    );
    // Every receive failed: as many failed batches as the redrive policy allows receives.
    expect(log.failedBatchesOf('metadata').length - failuresBefore).toBe(
      await maxReceiveCountOf(stack.functions.metadata?.queue_url as string),
    );
    expect((await getImage(clients, stack, target))?.caption).toBe(captionBefore);
    await clients.sqs.send(new PurgeQueueCommand({ QueueUrl: dlqUrl }));
  });
});

/** maxReceiveCount of the queue's redrive policy, as Terraform created it. */
async function maxReceiveCountOf(queueUrl: string): Promise<number> {
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }),
  );
  return Number(JSON.parse(Attributes?.RedrivePolicy ?? '{}').maxReceiveCount);
}
