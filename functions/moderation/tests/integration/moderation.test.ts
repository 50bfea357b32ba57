import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { motoStack } from '../../../../tests/support/aws.ts';
// Publishing straight to the topic, as other systems do (shared with the other direct-message suite).
import * as direct from '../../../../tests/support/direct-messages.ts';
import {
  createEventTap,
  type DomainEvent,
  getImage,
  waitForStatus,
} from '../../../../tests/support/pipeline.ts';
import { waitFor } from '../../../../tests/support/wait.ts';

const { stack, endpoint, clients } = motoStack();

/** Publishes a moderation message with the real aws CLI (no attributes: the filter matches the body). */
const publishModeration = (id: string, date: string, update: Record<string, unknown>, extra = {}) =>
  direct.publishWithCli(endpoint, stack, JSON.stringify({ id, date, update, ...extra }));

/** An ISO date `minutesAgo` minutes before now (messages may not be dated in the future). */
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const runtimes = new direct.DirectMessageRuntimes(endpoint, stack, 'moderation');
const { log } = runtimes;
let tap: Awaited<ReturnType<typeof createEventTap>>;
let target: string;
let bystander: string;

const reviewedEventsFor = async (imageId: string): Promise<DomainEvent[]> =>
  (await tap.events()).filter((event) => event.type === 'image.reviewed' && event.imageId === imageId);
const waitForReviewedEvents = (imageId: string, count: number) =>
  waitFor(`${count} image.reviewed event(s) for ${imageId}`, async () => {
    const events = await reviewedEventsFor(imageId);
    if (events.length >= count) return events;
    throw new Error(`${events.length} so far`);
  });

beforeAll(async () => {
  tap = await createEventTap(clients, stack);
  await runtimes.startPipeline();
  [target, bystander] = await direct.uploadProcessedImageIds(clients, stack, 'mod-alice', 'mod-bob');
});
afterEach(() => runtimes.stopServed());
afterAll(async () => {
  await runtimes.stopPipeline();
  await tap?.close();
});

describe('moderation against moto: applying reviews', () => {
  it('records a Pass as APPROVED by the topic, dated by the message, and announces image.reviewed', async () => {
    await runtimes.serve();
    const before = await getImage(clients, stack, bystander);
    const date = minutesAgo(30);

    await publishModeration(target, date, { status: 'Pass' });

    const [event] = await waitForReviewedEvents(target, 1);
    const review = { decision: 'APPROVED', reason: null, reviewer: 'moderation-topic', reviewedAt: date };
    expect(event).toMatchObject({ ...review, owner: 'mod-alice', occurredAt: date });
    expect((await getImage(clients, stack, target))?.review).toEqual(review);
    expect((await getImage(clients, stack, target))?.status).toBe('PROCESSED');
    await direct.waitForQueueAndDlqEmpty(clients, stack, 'moderation');
    expect(await getImage(clients, stack, bystander)).toEqual(before);
  });

  it('keeps the latest-dated review when an older message arrives late, and converges on a redelivery', async () => {
    await runtimes.serve();
    const newer = JSON.stringify({
      id: target,
      date: minutesAgo(10),
      update: { status: 'Reject', reason: 'Not a harbour' },
      reviewer: 'mod-7',
    });
    const newest = { decision: 'REJECTED', reason: 'Not a harbour', reviewer: 'mod-7' };
    const announced = (await reviewedEventsFor(target)).length;

    await direct.publishWithCli(endpoint, stack, newer);
    await waitForReviewedEvents(target, announced + 1);
    const stored = (await getImage(clients, stack, target))?.review;
    expect(stored).toMatchObject(newest);

    await publishModeration(target, minutesAgo(20), { status: 'Pass' });
    await log.waitForEntry(
      'moderation',
      'the stale review',
      (e) => e.message === 'Ignoring a review older than the stored one',
    );
    expect((await getImage(clients, stack, target))?.review).toEqual(stored);

    await direct.publishWithCli(endpoint, stack, newer);
    const events = await waitForReviewedEvents(target, announced + 2);
    await direct.waitForQueueAndDlqEmpty(clients, stack, 'moderation');
    expect((await getImage(clients, stack, target))?.review).toEqual(stored);
    // One event per application of the newer message, the same both times (the mailer dedupes it).
    const latest = events.slice(announced);
    expect(latest).toHaveLength(2);
    expect(latest[0]).toMatchObject(newest);
    expect(latest[1]).toEqual(latest[0]);
  });
});

describe('moderation against moto: refusals and retries', () => {
  it('acknowledges malformed messages, unknown ids and images that cannot be reviewed', async () => {
    const deleted = (await direct.uploadDeletedImage(clients, stack, 'mod-carol')).imageId;
    const rejected = randomUUID();
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: stack.uploads_bucket,
        Key: `uploads/mod-carol/${rejected}.jpg`,
        Body: Buffer.from('this is not a picture'),
      }),
    );
    await waitForStatus(clients, stack, rejected, 'REJECTED');
    await runtimes.serve();
    const ids = [target, bystander, deleted, rejected];
    const before = await Promise.all(ids.map((id) => getImage(clients, stack, id)));
    const announced = (await tap.events()).filter((event) => event.type === 'image.reviewed').length;
    const date = minutesAgo(1);

    const cases: Array<[string, RegExp]> = [
      [
        JSON.stringify({ id: target, date, update: { status: 'Maybe' } }),
        /update\.status: must be one of Pass, Reject/,
      ],
      [
        JSON.stringify({ id: target, date, update: { status: 'Reject' } }),
        /update\.reason: is required when status is Reject/,
      ],
      [JSON.stringify({ id: target, update: { status: 'Pass' } }), /date: must be an ISO-8601/],
      [
        JSON.stringify({ id: target, date: '2999-01-01T00:00:00Z', update: { status: 'Pass' } }),
        /date: .* is in the future/,
      ],
      [JSON.stringify({ date, update: { status: 'Pass' } }), /id: is required/],
      [JSON.stringify({ id: randomUUID(), date, update: { status: 'Pass' } }), /id: no image/],
      [
        JSON.stringify({ id: deleted, date, update: { status: 'Pass' } }),
        /is DELETED; only ACCEPTED or PROCESSED/,
      ],
      [
        JSON.stringify({ id: rejected, date, update: { status: 'Pass' } }),
        /is REJECTED; only ACCEPTED or PROCESSED/,
      ],
    ];
    for (const [body] of cases) await direct.publishWithCli(endpoint, stack, body);

    for (const [, reason] of cases) {
      const entry = await log.waitForAcknowledged('moderation', reason);
      expect(entry.receiveCount).toBe('1');
    }
    await direct.waitForQueueAndDlqEmpty(clients, stack, 'moderation');
    expect(log.failedBatchesOf('moderation')).toEqual([]);
    expect(await Promise.all(ids.map((id) => getImage(clients, stack, id)))).toEqual(before);
    expect((await tap.events()).filter((event) => event.type === 'image.reviewed')).toHaveLength(announced);
  });

  it('retries after a failed publish: the review applies again and is announced once', async () => {
    await runtimes.serve({ PIPELINE_FAULTS: 'sns:Publish=1' });
    const failuresBefore = log.failedBatchesOf('moderation').length;
    const announced = (await reviewedEventsFor(bystander)).length;
    const date = minutesAgo(0);

    await publishModeration(bystander, date, { status: 'Reject', reason: 'Duplicate upload' });

    const events = await waitForReviewedEvents(bystander, announced + 1);
    await direct.waitForQueueAndDlqEmpty(clients, stack, 'moderation');
    expect(log.failedBatchesOf('moderation').length - failuresBefore).toBe(1);
    expect(events.slice(announced)).toEqual([
      expect.objectContaining({ decision: 'REJECTED', reviewedAt: date }),
    ]);
    expect((await getImage(clients, stack, bystander))?.review).toMatchObject({ reason: 'Duplicate upload' });
  });
});
