/**
 * `make rerender` end to end against moto: images processed with the default
 * profile, the profile changed (the resize function's environment, as a new
 * `rendition_profile` would set it), then the real script (scripts/ops/rerender.ts)
 * in dry-run and CONFIRM=yes mode, the real resize function doing the work.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { parseRenditionProfile, renditionProfileDigest } from '@pipeline/domain';
import { rerenderRequestBody } from '@pipeline/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevStack } from '../../../../scripts/local/stack/dev-stack.ts';
import type { StackOutputs } from '../../../../scripts/local/stack/stack-outputs.ts';
import { motoStack } from '../../../../tests/support/aws.ts';
import { makeJpeg } from '../../../../tests/support/fixtures.ts';
import {
  getImage,
  type ImageItem,
  listRenditionKeys,
  waitForQueuesDrained,
  waitForStatus,
} from '../../../../tests/support/pipeline.ts';
import { runtimePerTest } from '../../../../tests/support/runtime-per-test.ts';
import { waitFor } from '../../../../tests/support/wait.ts';

const { stack, endpoint, clients } = motoStack();
const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../../..');

/** The changed profile: the thumb kept, a 600 px WebP `card` added, every other size dropped. */
const profile = parseRenditionProfile({
  sizes: [
    { name: 'thumb', width: 150, formats: ['jpeg', 'webp'] },
    { name: 'card', width: 600, formats: ['webp'] },
  ],
});
const digest = renditionProfileDigest(profile);
const resize = stack.functions.resize as StackOutputs['functions'][string];
/** The stack as `terraform apply -var rendition_profile=…` leaves it: RENDITION_PROFILE in the environment. */
const changed: StackOutputs = {
  ...stack,
  functions: {
    ...stack.functions,
    resize: { ...resize, environment: { ...resize.environment, RENDITION_PROFILE: JSON.stringify(profile) } },
  },
};

const upload = (key: string, body: Buffer) =>
  clients.s3.send(new PutObjectCommand({ Bucket: stack.uploads_bucket, Key: key, Body: body }));
const renditionKeys = (item: ImageItem | undefined) =>
  ((item?.renditions ?? []) as { key: string }[]).map((r) => r.key).sort();
const atProfile = (item: ImageItem | undefined) =>
  ((item?.renditions ?? []) as { profile?: string }[]).every((r) => r.profile === digest) || undefined;

let workDir: string;
let stackFile: string;
const ids = { a: randomUUID(), b: randomUUID(), deleted: randomUUID(), rejected: randomUUID() };

/** Runs the real script against the changed stack; a duration is given so the dry run measures nothing. */
async function rerender(extra: Record<string, string> = {}): Promise<string> {
  const env = { ...process.env, DEV_STACK_FILE: stackFile, MS_PER_IMAGE: '1200', RATE: '50', ...extra };
  const { stdout } = await run('npx', ['tsx', 'scripts/ops/rerender.ts'], { cwd: repoRoot, env });
  return stdout;
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'rerender-'));
  stackFile = path.join(workDir, 'dev-stack.json');
  const devStack: DevStack = { endpoint, outputs: changed };
  await writeFile(stackFile, JSON.stringify(devStack));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const versionOf = async (id: string) => (await getImage(clients, stack, id))?.version as string;

/** Three images PROCESSED with the default profile (one then DELETED), one REJECTED. */
async function processWithTheDefaultProfile(): Promise<void> {
  const jpeg = await makeJpeg(1200, 800);
  for (const id of [ids.a, ids.b, ids.deleted]) await upload(`uploads/rita/${id}.jpg`, jpeg);
  await upload(`uploads/rita/${ids.rejected}.jpg`, jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
  for (const id of [ids.a, ids.b, ids.deleted]) await waitForStatus(clients, stack, id, 'PROCESSED');
  await waitForStatus(clients, stack, ids.rejected, 'REJECTED');
  await clients.s3.send(
    new DeleteObjectCommand({ Bucket: stack.uploads_bucket, Key: `uploads/rita/${ids.deleted}.jpg` }),
  );
  await waitForStatus(clients, stack, ids.deleted, 'DELETED');
  await waitForQueuesDrained(clients, stack);
}

/** Waits for `id` recorded at the new profile, then for its renditions outside the new set to be gone. */
async function expectAtTheNewProfile(id: string): Promise<void> {
  const item = await waitFor(
    `${id} at the new profile`,
    async () => {
      const found = await getImage(clients, stack, id);
      return atProfile(found) && found;
    },
    { timeoutMs: 60_000 },
  );
  const version = await versionOf(id);
  const expected = ['thumb.jpg', 'thumb.webp', 'card.webp'].map((f) => `${id}/${version}/${f}`).sort();
  expect(renditionKeys(item)).toEqual(expected);
  // Recorded first, then the renditions outside the new set removed.
  await waitFor(
    `${id}'s old renditions removed`,
    async () =>
      JSON.stringify(await listRenditionKeys(clients, stack, id)) === JSON.stringify(expected) || undefined,
  );
}

describe('make rerender against moto', () => {
  const runtimes = runtimePerTest();
  it('processes images with the default profile, then re-renders only the PROCESSED ones to the new profile', async () => {
    const withDefault = await runtimes.start({ outputs: stack, endpoint });
    await processWithTheDefaultProfile();
    expect(await listRenditionKeys(clients, stack, ids.a)).toHaveLength(10);
    const before = {
      deleted: await getImage(clients, stack, ids.deleted),
      rejected: await getImage(clients, stack, ids.rejected),
    };

    // The dry run counts and prices, and sends nothing.
    const dry = await rerender();
    expect(dry).toMatch(/dry run/);
    expect(dry).toMatch(/\d+ PROCESSED images, \d+ not at the profile/);
    expect(dry).toMatch(/estimated Lambda cost: \$\d+\.\d{4} \(\d+ x 1200 ms at 1769 MB/);
    expect((await getImage(clients, stack, ids.a))?.renditions).toHaveLength(10);

    // The functions as they run after the apply: none of the old environments still polls.
    await withDefault.stop();
    await runtimes.start({ outputs: changed, endpoint });
    expect(await rerender({ CONFIRM: 'yes' })).toMatch(/✔ enqueued \d+ of \d+ PROCESSED images/);
    for (const id of [ids.a, ids.b]) await expectAtTheNewProfile(id);
    await waitForQueuesDrained(clients, stack);
    // DELETED and REJECTED images were never listed, so never touched.
    expect(await getImage(clients, stack, ids.deleted)).toEqual(before.deleted);
    expect(await getImage(clients, stack, ids.rejected)).toEqual(before.rejected);
    expect(await listRenditionKeys(clients, stack, ids.deleted)).toEqual([]);
    expect(await listRenditionKeys(clients, stack, ids.rejected)).toEqual([]);

    // A second run finds nothing to do, and a request for an image already at the profile changes nothing.
    const recorded = await getImage(clients, stack, ids.a);
    expect(await rerender({ CONFIRM: 'yes' })).toMatch(/✔ enqueued 0 of \d+ PROCESSED images/);
    await clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: resize.queue_url as string,
        MessageBody: rerenderRequestBody(ids.a, await versionOf(ids.a)),
      }),
    );
    await waitForQueuesDrained(clients, stack);
    expect(await getImage(clients, stack, ids.a)).toEqual(recorded);
  });
});
