import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { motoStack } from '../../../../tests/support/aws.ts';
import { makeJpeg } from '../../../../tests/support/fixtures.ts';
import {
  listRenditionKeys,
  waitForQueuesDrained,
  waitForStatus,
} from '../../../../tests/support/pipeline.ts';
import { runtimePerTest } from '../../../../tests/support/runtime-per-test.ts';

const { stack, endpoint, clients } = motoStack();
const runtimes = runtimePerTest();

describe('delete against moto', () => {
  let jpeg: Buffer;
  beforeAll(async () => {
    jpeg = await makeJpeg(640, 480);
  });

  it('removes every rendition of a processed image and marks it DELETED', async () => {
    await runtimes.start({ outputs: stack, endpoint });
    const imageId = randomUUID();
    const key = `uploads/heidi/${imageId}.jpg`;
    await clients.s3.send(new PutObjectCommand({ Bucket: stack.uploads_bucket, Key: key, Body: jpeg }));
    await waitForStatus(clients, stack, imageId, 'PROCESSED');
    expect(await listRenditionKeys(clients, stack, imageId)).toHaveLength(10);

    await clients.s3.send(new DeleteObjectCommand({ Bucket: stack.uploads_bucket, Key: key }));
    await waitForStatus(clients, stack, imageId, 'DELETED');
    await waitForQueuesDrained(clients, stack);
    expect(await listRenditionKeys(clients, stack, imageId)).toEqual([]);
  });

  it('keeps the image DELETED when the removal is handled before the upload event', async () => {
    // Only delete runs first, so ObjectRemoved is handled before ObjectCreated.
    const runtime = await runtimes.start({ outputs: stack, endpoint, functions: ['delete'] });
    const imageId = randomUUID();
    const key = `uploads/ivan/${imageId}.jpg`;
    await clients.s3.send(new PutObjectCommand({ Bucket: stack.uploads_bucket, Key: key, Body: jpeg }));
    await clients.s3.send(new DeleteObjectCommand({ Bucket: stack.uploads_bucket, Key: key }));
    await waitForStatus(clients, stack, imageId, 'DELETED');
    await runtime.stop();

    await runtimes.start({ outputs: stack, endpoint });
    await waitForQueuesDrained(clients, stack);
    expect((await waitForStatus(clients, stack, imageId, 'DELETED')).status).toBe('DELETED');
    expect(await listRenditionKeys(clients, stack, imageId)).toEqual([]);
  });
});
