/**
 * The counters through the real pipeline (ingest, resize, delete and
 * bucket-counters in the local runtime against moto): uploads, an overwrite,
 * a rejection, a delete and a duplicated event move the counters exactly as
 * they move the buckets, and bucket-metrics' reconcile then finds no drift.
 */
import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { BucketCountersStore } from '@pipeline/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../../../scripts/local/lambda/runtime.ts';
import { invokeScheduledOnce } from '../../../../scripts/local/lambda/scheduler.ts';
import { countersTableOf, measureCounterDrift } from '../../../../scripts/soak/counters-check.ts';
import { motoStack } from '../../../../tests/support/aws.ts';
import { makeJpeg } from '../../../../tests/support/fixtures.ts';
import { waitForQueuesDrained, waitForStatus } from '../../../../tests/support/pipeline.ts';

const { stack, endpoint, clients } = motoStack();
const owner = `counters-${randomUUID().slice(0, 8)}`;
const counters = new BucketCountersStore(clients.dynamo, countersTableOf(stack) ?? '');
let runtime: Runtime | undefined;

const put = (imageId: string, body: Buffer) =>
  clients.s3.send(
    new PutObjectCommand({
      Bucket: stack.uploads_bucket,
      Key: `uploads/${owner}/${imageId}.jpg`,
      Body: body,
    }),
  );

beforeAll(async () => {
  runtime = await startRuntime({
    outputs: stack,
    endpoint,
    functions: Object.keys(stack.functions).filter((name) => stack.functions[name]?.queue_url),
    log: () => {},
  });
  // Whatever earlier tests left queued is applied first: the baseline is a quiet pipeline.
  await waitForQueuesDrained(clients, stack, 120_000);
});

afterAll(async () => {
  await runtime?.stop();
});

describe('bucket counters through the pipeline', () => {
  it('count uploads, overwrites, rejections, deletes and duplicates exactly as the buckets hold them', async () => {
    const before = await measureCounterDrift(clients, stack);
    const start = await counters.read();
    const [kept, overwritten, rejected, deleted] = Array.from({ length: 4 }, () => randomUUID());
    const [first, second] = [await makeJpeg(320, 240), await makeJpeg(400, 300)];

    await Promise.all([put(kept, first), put(overwritten, first), put(deleted, first)]);
    await put(rejected, Buffer.from('not an image at all'));
    for (const id of [kept, overwritten, deleted])
      await waitForStatus(clients, stack, id, 'PROCESSED', 60_000);
    await waitForStatus(clients, stack, rejected, 'REJECTED', 60_000);
    await put(overwritten, second);
    await waitForQueuesDrained(clients, stack, 120_000);
    await waitForStatus(clients, stack, overwritten, 'PROCESSED', 60_000);
    await clients.s3.send(
      new DeleteObjectCommand({ Bucket: stack.uploads_bucket, Key: `uploads/${owner}/${deleted}.jpg` }),
    );
    await waitForStatus(clients, stack, deleted, 'DELETED', 60_000);
    // A duplicate of an old event: the counters read the record, which has moved on.
    await clients.sns.send(
      new PublishCommand({
        TopicArn: stack.events_topic_arn,
        Message: JSON.stringify({
          type: 'image.processed',
          imageId: deleted,
          version: 'old',
          owner,
          bucket: stack.uploads_bucket,
          key: `uploads/${owner}/${deleted}.jpg`,
          occurredAt: new Date().toISOString(),
          renditions: [],
        }),
      }),
    );
    await waitForQueuesDrained(clients, stack, 120_000);

    // Two originals are left (kept, overwritten): the counters moved by exactly that.
    const end = await counters.read();
    expect(end.counters['uploads/']?.objects).toBe((start.counters['uploads/']?.objects ?? 0) + 2);
    // And every managed Prefix value moved with the listing: the drift is what it was.
    expect(await measureCounterDrift(clients, stack)).toEqual(before);
  });

  it("leaves bucket-metrics' reconcile nothing to correct after it corrected the baseline", async () => {
    const reconcile = () =>
      invokeScheduledOnce({
        outputs: stack,
        endpoint,
        name: 'bucket-metrics',
        env: { BUCKET_METRICS_MODE: 'reconcile' },
        log: () => {},
      });
    const first = await reconcile();
    if (!first.ok) throw new Error(`bucket-metrics failed: ${first.message}`);
    expect(first.result).toMatchObject({ mode: 'reconcile', corrected: true });
    const second = await reconcile();
    if (!second.ok) throw new Error(`bucket-metrics failed: ${second.message}`);
    const drift = (second.result as { drift: Array<{ objects: number; bytes: number }> }).drift;
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.filter((d) => d.objects !== 0 || d.bytes !== 0)).toEqual([]);
    const after = Object.values((await measureCounterDrift(clients, stack)) ?? {});
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((d) => d.objects !== 0 || d.bytes !== 0)).toEqual([]);
  });
});
