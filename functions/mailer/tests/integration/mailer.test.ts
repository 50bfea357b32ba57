import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { publishEvent } from '@pipeline/events';
import { readSentEmails, type SentEmail } from '@pipeline/local-aws/mail';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, type LocalUser } from '../../../../scripts/local/gateway/cognito.ts';
import { startRuntime } from '../../../../scripts/local/lambda/runtime.ts';
import { testClients } from '../../../../tests/support/aws.ts';
import { aws } from '../../../../tests/support/cli.ts';
import { makeJpeg } from '../../../../tests/support/fixtures.ts';
import { queueDepth, waitForStatus } from '../../../../tests/support/pipeline.ts';
import { waitFor } from '../../../../tests/support/wait.ts';

const stack = inject('stack');
const mailer = stack.functions.mailer as NonNullable<(typeof stack.functions)[string]>;
const webAppUrl = String(mailer.environment?.WEB_APP_URL ?? '').replace(/\/+$/, '');
const operationsEmail = String(mailer.environment?.OPERATIONS_EMAIL ?? '');
const endpoint = inject('endpoint');
const clients = testClients(endpoint);

/** Emails to `to` whose text mentions `imageId` (moto is shared by every test file: never count them all). */
async function emailsAbout(to: string, imageId: string): Promise<SentEmail[]> {
  const emails = await readSentEmails(endpoint);
  return emails.filter((email) => email.to.includes(to) && (email.text ?? '').includes(imageId));
}

/** Waits for the email to `to` about `imageId` whose subject matches. */
function waitForEmail(to: string, imageId: string, subject: RegExp): Promise<SentEmail> {
  return waitFor(`an email to ${to} about ${imageId} with subject ${subject}`, async () => {
    const emails = await emailsAbout(to, imageId);
    const found = emails.find((email) => subject.test(email.subject));
    if (!found) throw new Error(`subjects so far: ${JSON.stringify(emails.map((email) => email.subject))}`);
    return found;
  });
}

/** A queue of the test's own on the notifications topic, to read the summaries. */
async function notificationsTap() {
  const { QueueUrl } = await clients.sqs.send(
    new CreateQueueCommand({ QueueName: `mail-tap-${randomUUID().slice(0, 8)}` }),
  );
  const queueUrl = QueueUrl as string;
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const { SubscriptionArn } = await clients.sns.send(
    new SubscribeCommand({
      TopicArn: stack.notifications_topic_arn,
      Protocol: 'sqs',
      Endpoint: Attributes?.QueueArn,
      Attributes: { RawMessageDelivery: 'true' },
    }),
  );
  const lines: string[] = [];
  return {
    async lines(): Promise<string[]> {
      for (;;) {
        const { Messages = [] } = await clients.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
        );
        if (Messages.length === 0) return lines;
        lines.push(...Messages.map((message) => message.Body ?? ''));
      }
    },
    async close() {
      await clients.sns.send(new UnsubscribeCommand({ SubscriptionArn }));
      await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    },
  };
}

let runtime: Awaited<ReturnType<typeof startRuntime>>;
let owner: LocalUser;
let jpeg: Buffer;
let tap: Awaited<ReturnType<typeof notificationsTap>>;

async function uploadProcessed(key: string, imageId: string) {
  await clients.s3.send(new PutObjectCommand({ Bucket: stack.uploads_bucket, Key: key, Body: jpeg }));
  return waitForStatus(clients, stack, imageId, 'PROCESSED');
}

beforeAll(async () => {
  owner = await createUser(stack, endpoint);
  jpeg = await makeJpeg(640, 480);
  tap = await notificationsTap();
  // The functions an upload passes through; the others play no part in mail.
  runtime = await startRuntime({
    outputs: stack,
    endpoint,
    functions: ['ingest', 'resize', 'delete', 'mailer'],
  });
});
afterAll(async () => {
  await runtime?.stop();
  await tap?.close();
});

describe('mailer against moto: uploads processed or rejected', () => {
  it('emails the owner when an upload is processed, and posts one summary line', async () => {
    const imageId = randomUUID();
    const record = await uploadProcessed(`uploads/${owner.sub}/${imageId}.jpg`, imageId);
    const sizes = [...new Set((record.renditions as Array<{ name: string }>).map((r) => r.name))];

    const email = await waitForEmail(owner.email, imageId, /is ready/);
    expect(email.from).toBe(stack.mail_from);
    expect(email.to).toEqual([owner.email]);
    expect(email.subject).toBe(`Your image "${imageId}.jpg" is ready`);
    expect(email.text).toContain('Original:     640×480 JPEG');
    expect(email.text).toContain(`View the image: ${webAppUrl}/#/images/${imageId}`);
    expect(email.html).toContain(`<a href="${webAppUrl}/#/images/${imageId}">View the image</a>`);
    expect(email.timestamp).not.toBeNull();

    const summary = await waitFor('the summary line', async () =>
      (await tap.lines()).find((line) => line.includes(imageId)),
    );
    expect(summary).toBe(`PROCESSED "${imageId}.jpg" (${imageId}) owner ${owner.sub}: ${sizes.join(', ')}`);
    expect((await tap.lines()).filter((line) => line.includes(imageId))).toHaveLength(1);
  });

  it('emails the owner why an upload was rejected', async () => {
    const imageId = randomUUID();
    const key = `uploads/${owner.sub}/${imageId}.jpg`;
    const notAnImage = Buffer.from('these are notes, not a photo\n'.repeat(20));
    await clients.s3.send(new PutObjectCommand({ Bucket: stack.uploads_bucket, Key: key, Body: notAnImage }));
    await waitForStatus(clients, stack, imageId, 'REJECTED');

    const email = await waitForEmail(owner.email, imageId, /was rejected/);
    expect(email.subject).toBe(`Your upload "${imageId}.jpg" was rejected`);
    expect(email.text).toContain('Reason: Image::NotAnImage');
    expect(email.text).toContain('The file has been removed.');
  });
});

describe('mailer against moto: reviews and deletes', () => {
  it("emails the owner a moderator's review and the delete, naming the image by its caption", async () => {
    const imageId = randomUUID();
    const key = `uploads/${owner.sub}/${imageId}.jpg`;
    const record = await uploadProcessed(key, imageId);
    const caption = 'Harbour <at> dawn & "fog"';
    await clients.dynamo.send(
      new UpdateCommand({
        TableName: stack.images_table,
        Key: { imageId },
        UpdateExpression: 'SET caption = :caption',
        ExpressionAttributeValues: { ':caption': caption },
      }),
    );

    // What the API's review route publishes (functions/api/src/routes/review-image.ts).
    await publishEvent(clients.sns, stack.events_topic_arn, {
      type: 'image.reviewed',
      imageId,
      version: String(record.version),
      owner: owner.sub,
      bucket: stack.uploads_bucket,
      key,
      occurredAt: '2025-01-02T03:04:05.000Z',
      decision: 'REJECTED',
      reason: 'Too <b>dark</b>',
      reviewer: randomUUID(),
      reviewedAt: '2025-01-02T03:04:05.000Z',
    });
    const review = await waitForEmail(owner.email, imageId, /was not approved/);
    expect(review.subject).toBe(`Your image "${caption}" was not approved`);
    expect(review.text).toContain('Reason:   Too <b>dark</b>');
    expect(review.html).toContain('Harbour &lt;at&gt; dawn &amp; &quot;fog&quot;');
    expect(review.html).toContain('Too &lt;b&gt;dark&lt;/b&gt;');

    await clients.s3.send(new DeleteObjectCommand({ Bucket: stack.uploads_bucket, Key: key }));
    await waitForStatus(clients, stack, imageId, 'DELETED');
    const deleted = await waitForEmail(owner.email, imageId, /was deleted/);
    expect(deleted.subject).toBe(`Your image "${caption}" was deleted`);
  });
});

describe('mailer against moto: operator uploads and redelivery', () => {
  it('emails OPERATIONS_EMAIL about an operator upload without an owner or with an unknown one', async () => {
    expect(operationsEmail).not.toBe('');
    const ownerless = randomUUID();
    const file = path.join(tmpdir(), `${ownerless}.jpg`);
    await writeFile(file, jpeg);
    await aws(endpoint, ['s3', 'cp', file, `s3://${stack.uploads_bucket}/uploads/${ownerless}.jpg`]);
    const stranger = randomUUID();
    await uploadProcessed(`uploads/somebody/${stranger}.jpg`, stranger);
    await waitForStatus(clients, stack, ownerless, 'PROCESSED');

    const toOps = await waitForEmail(operationsEmail, ownerless, /is ready/);
    expect(toOps.subject).toBe(`The image "${ownerless}.jpg" is ready`);
    expect(toOps.text).toContain('operations address because the upload has no owner');
    const strangers = await waitForEmail(operationsEmail, stranger, /is ready/);
    expect(strangers.text).toContain('because owner "somebody" is not a user of the pool');
  });

  it('sends one email for an event delivered twice', async () => {
    const imageId = randomUUID();
    const body = JSON.stringify({
      type: 'image.deleted',
      imageId,
      version: 'etag-twice',
      owner: owner.sub,
      bucket: stack.uploads_bucket,
      key: `uploads/${owner.sub}/${imageId}.jpg`,
      occurredAt: new Date().toISOString(),
    });
    const queueUrl = mailer.queue_url as string;
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));

    await waitForEmail(owner.email, imageId, /was deleted/);
    await waitFor('the mailer queue to be empty', async () => {
      const depth = await queueDepth(clients, queueUrl);
      if (depth > 0) throw new Error(`${depth} messages left`);
      return depth;
    });
    expect(await emailsAbout(owner.email, imageId)).toHaveLength(1);
  });
});
