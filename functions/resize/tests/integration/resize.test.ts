import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { readSentEmails } from '@pipeline/local-aws/mail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { motoStack } from '../../../../tests/support/aws.ts';
import { aws } from '../../../../tests/support/cli.ts';
import { makeJpeg } from '../../../../tests/support/fixtures.ts';
import {
  createEventTap,
  getImage,
  listRenditionKeys,
  queueDepth,
  waitForQueuesDrained,
  waitForStatus,
} from '../../../../tests/support/pipeline.ts';
import { runtimePerTest } from '../../../../tests/support/runtime-per-test.ts';
import { waitFor } from '../../../../tests/support/wait.ts';

const { stack, endpoint, clients } = motoStack();

describe('resize against moto', () => {
  const runtimes = runtimePerTest();
  let tap: Awaited<ReturnType<typeof createEventTap>>;
  let jpeg: Buffer;

  beforeAll(async () => {
    jpeg = await makeJpeg(1600, 1200);
    tap = await createEventTap(clients, stack);
  });
  afterAll(async () => {
    await tap?.close();
  });

  it('processes a multipart upload once although moto sends two ObjectCreated events', async () => {
    await runtimes.start({ outputs: stack, endpoint });
    const imageId = randomUUID();
    const dir = await mkdtemp(path.join(tmpdir(), 'multipart-'));
    const file = path.join(dir, 'big.jpg');
    // Over the CLI's 8 MB multipart threshold; JPEG decoders ignore bytes after EOI.
    await writeFile(file, Buffer.concat([jpeg, Buffer.alloc(9 * 1024 * 1024)]));

    await aws(endpoint, ['s3', 'cp', file, `s3://${stack.uploads_bucket}/uploads/erin/${imageId}.jpg`]);
    await waitForStatus(clients, stack, imageId, 'PROCESSED');
    await waitForQueuesDrained(clients, stack);

    const created = (await tap.rawBodies()).filter((b) => b.includes(imageId) && b.includes('ObjectCreated'));
    const types = (await tap.events()).filter((e) => e.imageId === imageId).map((e) => e.type);
    expect(created.length, 'moto sent the ObjectCreated event twice').toBeGreaterThanOrEqual(2);
    // The second delivery finds the image PROCESSED and announces it again (the first run might
    // have failed before its publish): events are at-least-once, the effects are once.
    expect(types.filter((t) => t === 'image.processed').length).toBeGreaterThanOrEqual(1);
    expect(await listRenditionKeys(clients, stack, imageId)).toHaveLength(10);
    await waitForQueuesDrained(clients, stack);
    const mails = (await readSentEmails(endpoint)).filter((m) => m.subject.includes(imageId));
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/ready/)]);
  });

  it('leaves no renditions when the delete is handled before the resize', async () => {
    const runtime = await runtimes.start({ outputs: stack, endpoint, functions: ['ingest', 'delete'] });
    const imageId = randomUUID();
    const key = `uploads/frank/${imageId}.jpg`;
    await clients.s3.send(new PutObjectCommand({ Bucket: stack.uploads_bucket, Key: key, Body: jpeg }));
    await waitForStatus(clients, stack, imageId, 'ACCEPTED');
    await clients.s3.send(new DeleteObjectCommand({ Bucket: stack.uploads_bucket, Key: key }));
    await waitForStatus(clients, stack, imageId, 'DELETED');
    await runtime.stop();

    // Now the resize that was waiting in its queue runs, after the delete.
    await runtimes.start({ outputs: stack, endpoint });
    await waitForQueuesDrained(clients, stack);

    expect((await getImage(clients, stack, imageId))?.status).toBe('DELETED');
    expect(await listRenditionKeys(clients, stack, imageId)).toEqual([]);
  });

  it('ends DELETED with no renditions when a delete races a running resize', async () => {
    await runtimes.start({ outputs: stack, endpoint });
    const ids = Array.from({ length: 4 }, () => randomUUID());
    await Promise.all(
      ids.map(async (imageId) => {
        const key = `uploads/grace/${imageId}.jpg`;
        await clients.s3.send(new PutObjectCommand({ Bucket: stack.uploads_bucket, Key: key, Body: jpeg }));
        await waitForStatus(clients, stack, imageId, 'ACCEPTED').catch(() => undefined);
        await clients.s3.send(new DeleteObjectCommand({ Bucket: stack.uploads_bucket, Key: key }));
      }),
    );
    await waitForQueuesDrained(clients, stack);

    for (const imageId of ids) {
      expect((await getImage(clients, stack, imageId))?.status, imageId).toBe('DELETED');
      expect(await listRenditionKeys(clients, stack, imageId), imageId).toEqual([]);
    }
  });
});

describe('resize against moto: a body that fails to decode', () => {
  const runtimes = runtimePerTest();
  let tap: Awaited<ReturnType<typeof createEventTap>>;
  let jpeg: Buffer;

  beforeAll(async () => {
    jpeg = await makeJpeg(1600, 1200);
    tap = await createEventTap(clients, stack);
  });
  afterAll(async () => {
    await tap?.close();
  });

  it('rejects a JPEG whose body is cut short (its header passed ingest): REJECTED, upload removed, one event, one mail', async () => {
    await runtimes.start({ outputs: stack, endpoint });
    const imageId = randomUUID();
    const key = `uploads/heidi/${imageId}.jpg`;
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
    await clients.s3.send(new PutObjectCommand({ Bucket: stack.uploads_bucket, Key: key, Body: truncated }));

    const record = await waitForStatus(clients, stack, imageId, 'REJECTED');
    await waitForQueuesDrained(clients, stack);

    expect(record).toMatchObject({ statusReason: 'Image::Corrupt', bytes: truncated.length });
    await expect(
      clients.s3.send(new HeadObjectCommand({ Bucket: stack.uploads_bucket, Key: key })),
    ).rejects.toMatchObject({ name: 'NotFound' });
    expect(await listRenditionKeys(clients, stack, imageId)).toEqual([]);
    const types = (await tap.events()).filter((e) => e.imageId === imageId).map((e) => e.type);
    expect(types).toEqual(['image.accepted', 'image.rejected']);
    expect(await queueDepth(clients, stack.functions.resize?.dlq_url as string)).toBe(0);
    const mails = await waitFor('the rejection mail', async () => {
      const found = (await readSentEmails(endpoint)).filter((m) => m.subject.includes(imageId));
      if (found.length === 0) throw new Error('no mail yet');
      return found;
    });
    expect(mails).toHaveLength(1);
  });
});
