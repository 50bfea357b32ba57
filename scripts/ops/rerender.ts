/**
 * `make rerender`: brings every PROCESSED image to the rendition profile the
 * stack's resize function renders (Terraform `rendition_profile`).
 *
 * A dry run first, by default: how many images are PROCESSED, how many are
 * not yet at the profile, and the estimated Lambda cost of re-rendering them.
 * CONFIRM=yes then sends one `image.rerender_requested` per such image to the
 * resize queue (the pipeline's own queue, DLQ and retries), RATE per second
 * (default 5). The listing walks the images table's byStatusShard index (only
 * PROCESSED: DELETED and REJECTED images are never listed); after each page
 * the cursor is printed and written to CURSOR_FILE (default
 * .local/rerender-cursor.json), and FROM=<cursor> resumes there. Resize checks
 * each image again, so sending one twice, or re-running, is harmless: an image
 * already at the profile is left as it is.
 *
 * STACK_OUTPUTS=<file of `terraform output -json`> works on a deployed stack
 * with the usual AWS credentials (docs/operations.md); else `make dev`'s.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImageRecord } from '@pipeline/domain';
import { rerenderRequestBody } from '@pipeline/events';
import { listByStatus, type StatusPosition } from '@pipeline/store';
import { runCommand } from './dev-stack.ts';
import { measureMsPerImage } from './rerender-duration.ts';
import {
  encodeCursor,
  estimateDollars,
  formatCount,
  needsRerender,
  pacer,
  type RerenderOptions,
  readRerenderOptions,
} from './rerender-plan.ts';
import { type RerenderTarget, readRerenderTarget } from './rerender-target.ts';

const PAGE = 100;
const DEFAULT_CURSOR_FILE = path.join(import.meta.dirname, '..', '..', '.local', 'rerender-cursor.json');

/** Walks every PROCESSED image from `from`, handing each page's images that need it to `onPage`. */
async function walkProcessed(
  target: RerenderTarget,
  from: StatusPosition | undefined,
  onPage: (todo: ImageRecord[], next: StatusPosition | undefined) => Promise<void>,
): Promise<{ processed: number; todo: number }> {
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(target.clientConfig));
  let position = from;
  let processed = 0;
  let todo = 0;
  do {
    const page = await listByStatus(dynamo, target.outputs.images_table, 'PROCESSED', {
      limit: PAGE,
      start: position,
    });
    const pending = page.records.filter((record) => needsRerender(record, target.resize.digest));
    processed += page.records.length;
    todo += pending.length;
    await onPage(pending, page.lastKey);
    position = page.lastKey;
  } while (position);
  return { processed, todo };
}

async function dryRun(target: RerenderTarget, options: RerenderOptions): Promise<void> {
  const { processed, todo } = await walkProcessed(target, options.from, async () => {});
  const measured = options.msPerImage === undefined;
  const ms = options.msPerImage ?? (await measureMsPerImage(target.resize.profile));
  const dollars = estimateDollars(todo, ms, target.resize.memoryMb);
  console.log(`▸ dry run on the ${target.where} stack (profile ${target.resize.digest})`);
  console.log(`  ${formatCount(processed)} PROCESSED images, ${formatCount(todo)} not at the profile`);
  console.log(
    `  estimated Lambda cost: $${dollars.toFixed(4)} (${formatCount(todo)} x ${Math.round(ms)} ms at ` +
      `${target.resize.memoryMb} MB, arm64 list price; ${measured ? 'ms measured here on a 12 MP photo: MS_PER_IMAGE overrides' : 'MS_PER_IMAGE'})`,
  );
  console.log(`  at RATE=${options.rate}/s: about ${Math.ceil(todo / options.rate / 60)} min to enqueue`);
  console.log('Run it with CONFIRM=yes to enqueue them.');
}

async function enqueue(target: RerenderTarget, options: RerenderOptions, cursorFile: string): Promise<void> {
  const sqs = new SQSClient(target.clientConfig);
  const pace = pacer(
    options.rate,
    () => Date.now(),
    (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  );
  let sent = 0;
  mkdirSync(path.dirname(cursorFile), { recursive: true });
  const { processed } = await walkProcessed(target, options.from, async (todo, next) => {
    // SendMessageBatch takes at most 10 entries:
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
    for (let i = 0; i < todo.length; i += 10) {
      const batch = todo.slice(i, i + 10);
      await pace(batch.length);
      const { Failed } = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: target.resize.queueUrl,
          Entries: batch.map((record, n) => ({
            Id: String(n),
            MessageBody: rerenderRequestBody(record.imageId, record.version ?? ''),
          })),
        }),
      );
      if (Failed?.length)
        throw new Error(
          `${Failed.length} sends failed (${Failed[0]?.Message}): run again with the last FROM`,
        );
      sent += batch.length;
    }
    if (next) {
      const cursor = encodeCursor(next);
      writeFileSync(cursorFile, `${JSON.stringify({ cursor, sent, at: new Date().toISOString() })}\n`);
      console.log(`  ${formatCount(sent)} enqueued; to resume: FROM=${cursor}`);
    }
  });
  rmSync(cursorFile, { force: true });
  console.log(
    `✔ enqueued ${formatCount(sent)} of ${formatCount(processed)} PROCESSED images (profile ${target.resize.digest})`,
  );
}

async function main(): Promise<void> {
  const options = readRerenderOptions(process.env);
  const target = await readRerenderTarget(process.env);
  if (!options.confirm) return dryRun(target, options);
  return enqueue(target, options, process.env.CURSOR_FILE || DEFAULT_CURSOR_FILE);
}

runCommand(main);
