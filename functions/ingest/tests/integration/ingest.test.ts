import { randomUUID } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { parseUploadKey } from '@pipeline/domain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime } from '../../../../scripts/local/lambda/runtime.ts';
import { motoStack } from '../../../../tests/support/aws.ts';
import { makeJpeg } from '../../../../tests/support/fixtures.ts';
import {
  createEventTap,
  listRenditionKeys,
  queueDepth,
  waitForQueuesDrained,
  waitForStatus,
} from '../../../../tests/support/pipeline.ts';
import { waitFor } from '../../../../tests/support/wait.ts';

const { stack, endpoint, clients } = motoStack();
const ingest = stack.functions.ingest;

function imageIdOf(key: string): string {
  const parsed = parseUploadKey(key);
  if (!parsed) throw new Error(`not an upload key: ${key}`);
  return parsed.imageId;
}

async function upload(key: string, body: Buffer) {
  await clients.s3.send(new PutObjectCommand({ Bucket: stack.uploads_bucket, Key: key, Body: body }));
}

let jpeg: Buffer;
beforeAll(async () => {
  jpeg = await makeJpeg(800, 600);
});

describe('ingest against moto: with the whole pipeline running', () => {
  let runtime: Awaited<ReturnType<typeof startRuntime>>;
  let tap: Awaited<ReturnType<typeof createEventTap>>;
  beforeAll(async () => {
    runtime = await startRuntime({ outputs: stack, endpoint });
  });
  afterAll(async () => {
    await runtime?.stop();
  });
  beforeAll(async () => {
    tap = await createEventTap(clients, stack);
  });
  afterAll(async () => {
    await tap?.close();
  });

  it.each([
    ['spaces', 'uploads/alice/summer holiday photo.jpg'],
    ['a plus sign', 'uploads/alice/a+b=c.jpg'],
    ['a percent sign', 'uploads/alice/100% real.jpg'],
    ['unicode', 'uploads/zoë/Ünïcødé 日本 🌅.jpg'],
  ])('processes a key with %s and records it exactly as uploaded', async (_case, key) => {
    await upload(key, jpeg);
    const record = await waitForStatus(clients, stack, imageIdOf(key), 'PROCESSED');
    expect(record.key).toBe(key);
    expect(record.owner).toBe(key.split('/')[1]);
    expect(await listRenditionKeys(clients, stack, record.imageId)).toHaveLength(10);
  });

  it.each([
    // Decided by ingest from the header: never announced accepted.
    ['text named .jpg', Buffer.from('hello, I am not a photo\n'), 'Image::NotAnImage', ['image.rejected']],
    // Its header is sound, so ingest accepts it; resize finds the body cut short when it decodes.
    ['a truncated JPEG', 'truncated', 'Image::Corrupt', ['image.accepted', 'image.rejected']],
  ])('rejects %s, removes the upload and does not retry it', async (_case, content, reason, announced) => {
    const body =
      content === 'truncated' ? jpeg.subarray(0, Math.floor(jpeg.length * 0.6)) : (content as Buffer);
    const key = `uploads/mallory/${randomUUID()}.jpg`;
    await upload(key, body);

    const record = await waitForStatus(clients, stack, imageIdOf(key), 'REJECTED');
    expect(record.statusReason).toBe(reason);
    expect(record.bytes, 'the size of the upload').toBe(body.length);
    await waitForQueuesDrained(clients, stack);
    await expect(
      clients.s3.send(new HeadObjectCommand({ Bucket: stack.uploads_bucket, Key: key })),
    ).rejects.toMatchObject({ name: 'NotFound' });
    expect(await queueDepth(clients, ingest.dlq_url as string)).toBe(0);
    expect(await queueDepth(clients, stack.functions.resize?.dlq_url as string)).toBe(0);
    const events = (await tap.events()).filter((e) => e.imageId === record.imageId);
    expect(events.map((e) => e.type)).toEqual(announced);
  });

  it('leaves one record and one rendition set when the same S3 event is delivered twice', async () => {
    const key = `uploads/bob/${randomUUID()}.jpg`;
    const imageId = imageIdOf(key);
    await upload(key, jpeg);
    await waitForStatus(clients, stack, imageId, 'PROCESSED');
    const original = (await tap.rawBodies()).find(
      (body) => body.includes(imageId) && body.includes('Records'),
    );
    expect(original, 'the S3 event as the topic carried it').toBeDefined();

    await clients.sqs.send(
      new SendMessageCommand({ QueueUrl: ingest.queue_url as string, MessageBody: original }),
    );
    await waitForQueuesDrained(clients, stack);

    const record = await waitForStatus(clients, stack, imageId, 'PROCESSED');
    expect(record.renditions).toHaveLength(10);
    expect(await listRenditionKeys(clients, stack, imageId)).toHaveLength(10);
    const types = (await tap.events()).filter((e) => e.imageId === imageId).map((e) => e.type);
    expect(types.filter((t) => t === 'image.processed')).toHaveLength(1);
    expect(types.filter((t) => t === 'image.accepted')).toHaveLength(1);
  });
});

describe('ingest against moto: under injected AWS faults', () => {
  let runtime: Awaited<ReturnType<typeof startRuntime>> | undefined;
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
  });

  it('retries a transient failure and then succeeds', async () => {
    // The first two GetObject calls in each function fail as a 503 would.
    runtime = await startRuntime({ outputs: stack, endpoint, env: { PIPELINE_FAULTS: 's3:GetObject=2' } });
    const key = `uploads/carol/${randomUUID()}.jpg`;
    await upload(key, jpeg);
    await waitForStatus(clients, stack, imageIdOf(key), 'PROCESSED', 60_000);
    expect(await queueDepth(clients, ingest.dlq_url as string)).toBe(0);
  });

  it('dead-letters a message that keeps failing after the maximum receives', async () => {
    runtime = await startRuntime({
      outputs: stack,
      endpoint,
      functions: ['ingest'],
      env: { PIPELINE_FAULTS: 'rate=1' },
    });
    const key = `uploads/dave/${randomUUID()}.jpg`;
    await upload(key, jpeg);
    const dead = await waitFor(
      'the event to reach the ingest dead-letter queue',
      async () => {
        const { Messages = [] } = await clients.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: ingest.dlq_url as string,
            MaxNumberOfMessages: 10,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
        );
        return Messages.find((m) => m.Body?.includes(encodeURIComponent(key.split('/')[2] ?? '')));
      },
      { timeoutMs: 60_000 },
    );
    expect(dead.Body).toContain('ObjectCreated');
    expect(await queueDepth(clients, ingest.queue_url as string)).toBe(0);
    // Later files share this moto and expect empty dead-letter queues.
    await clients.sqs.send(
      new DeleteMessageCommand({ QueueUrl: ingest.dlq_url as string, ReceiptHandle: dead.ReceiptHandle }),
    );
  });
});
