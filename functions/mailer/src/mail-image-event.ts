import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand } from '@aws-sdk/client-sns';
import type { ImageRecord } from '@pipeline/domain';
import { ImageEventType, type ImageProcessed, type ImageRejected } from '@pipeline/events';
import type { QueueDeps } from '@pipeline/lambda-kit';
import type { MailerConfig } from './config.js';
import { composeEmail, imageLink, imageName } from './email-content.js';
import { eventIdentity, isSummarized, type MailerEvent } from './mailer-message.js';
import { resolveRecipient } from './recipient.js';
import { sendEmail } from './send-email.js';

/**
 * What the mailer's service receives: the queue deps (its `metrics` count
 * `MailRejected`) plus SES, Cognito, idempotency and the mailer's own config.
 */
export interface MailerDeps extends QueueDeps {
  ses: SESv2Client;
  cognito: CognitoIdentityProviderClient;
  mail: MailerConfig;
  idempotency: Idempotency;
}

/** A persistence store and config for Powertools Idempotency; the handler registers each invocation's context. */
export interface Idempotency {
  persistenceStore: DynamoDBPersistenceLayer;
  config: IdempotencyConfig;
}

/**
 * How long a finished unit is remembered, seconds: a day. SNS and SQS
 * redeliver within minutes; a day also covers a dead-lettered batch redriven
 * by hand after an outage, whose completed messages must not mail twice.
 */
export const IDEMPOTENCY_TTL_SECONDS = 86_400;

/**
 * Powertools Idempotency on the IDEMPOTENCY_TABLE (key attribute `id`, TTL
 * attribute `expiration`, as terraform/modules/table creates it).
 *
 * Call `config.registerLambdaContext(context)` on every invocation: an
 * in-progress record then expires with the invocation's deadline, so the
 * retry of a crashed or timed-out invocation is not refused as "in progress".
 */
export function createIdempotency(tableName: string, client: DynamoDBClient): Idempotency {
  return {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName,
      keyAttr: 'id',
      expiryAttr: 'expiration',
      awsSdkV3Client: client,
    }),
    config: new IdempotencyConfig({ expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS }),
  };
}

/** What happened to the email about one event (stored as the idempotent result: no addresses in it). */
export type MailOutcome =
  | { status: 'sent'; recipient: 'owner' | 'operations'; messageId: string | null }
  /** SES refused it for good (MessageRejected); logged and not retried. */
  | { status: 'rejected'; recipient: 'owner' | 'operations'; error: string }
  /** Nobody to write to (see `resolveRecipient`). */
  | { status: 'skipped'; why: string };

/** What the mailer did with one event. */
export interface MailerResult {
  /** See `eventIdentity`. */
  identity: string;
  mail: MailOutcome;
  /** Only for processed and rejected images. */
  summary?: { messageId: string | null };
}

/** Idempotency record ids are `<prefix>#<hash>`; fixed prefixes, as a minified bundle renames functions. */
const MAIL_KEY_PREFIX = 'mailer.mail';
const SUMMARY_KEY_PREFIX = 'mailer.summary';

/** The image as the emails name it. */
interface MailedImage {
  record: ImageRecord | undefined;
  name: string;
}

/** Set when the idempotent function really ran (not a replay of its stored result). */
interface Run {
  fresh: boolean;
}

/**
 * The mailer's service: emails whoever should hear about `event` and, for
 * processed and rejected images, posts a summary line. The email and the
 * summary are two idempotent units keyed on the event's identity, so:
 *
 * - a redelivered (or twice published) event sends nothing again;
 * - a unit that throws is not recorded as done, so SQS retries it;
 * - the summary failing after the email went out retries only the summary
 *   (one unit for both would send the email again).
 *
 * @throws SDK and idempotency-store errors (transient) so the message is retried.
 */
export async function mailImageEvent(event: MailerEvent, deps: MailerDeps): Promise<MailerResult> {
  const { idempotency, logger: log } = deps;
  const unit = { key: eventIdentity(event) };
  const record = await deps.store.get(event.imageId);
  const image: MailedImage = { record, name: imageName(record, event.key) };

  // Only the unit is hashed; `run` tells a fresh run from a replay of the stored result.
  const mailOnce = makeIdempotent(
    (_unit: typeof unit, run: Run) => {
      run.fresh = true;
      return emailWhoeverShouldKnow(event, image, deps);
    },
    { ...idempotency, keyPrefix: MAIL_KEY_PREFIX },
  );
  const summarizeOnce = makeIdempotent(
    async (_unit: typeof unit, summarized: ImageProcessed | ImageRejected, run: Run) => {
      run.fresh = true;
      return { messageId: await publishSummary(summarized, image.name, deps) };
    },
    { ...idempotency, keyPrefix: SUMMARY_KEY_PREFIX },
  );

  const mailRun: Run = { fresh: false };
  const summaryRun: Run = { fresh: false };
  const mail = await mailOnce(unit, mailRun);
  const summary = isSummarized(event) ? await summarizeOnce(unit, event, summaryRun) : undefined;
  log.info(mailRun.fresh || summaryRun.fresh ? 'Mailer event handled' : 'Mailer event already handled', {
    imageId: event.imageId,
    type: event.type,
    identity: unit.key,
    mail: mailRun.fresh ? mail.status : `already ${mail.status}`,
    ...(mail.status === 'skipped' ? { why: mail.why } : { recipient: mail.recipient }),
    summary: summary ? (summaryRun.fresh ? 'published' : 'already published') : 'none',
  });
  return { identity: unit.key, mail, ...(summary ? { summary } : {}) };
}

/**
 * Writes to whoever should hear about `event` (see `resolveRecipient`) with
 * the email `composeEmail` makes; counts `MailRejected` when SES refuses it.
 *
 * @throws Cognito and SES SDK errors other than MessageRejected (transient).
 */
async function emailWhoeverShouldKnow(
  event: MailerEvent,
  image: MailedImage,
  deps: MailerDeps,
): Promise<MailOutcome> {
  const { mail, logger: log } = deps;
  const recipient = await resolveRecipient(deps.cognito, mail, event.owner);
  if (recipient.kind === 'none') {
    log.warn('Nobody to email about this image', {
      imageId: event.imageId,
      type: event.type,
      why: recipient.why,
    });
    return { status: 'skipped', why: recipient.why };
  }
  const link = imageLink(mail.webAppUrl, event.imageId);
  const content = composeEmail(event, { name: image.name, link, recipient, record: image.record });
  const result = await sendEmail(
    deps.ses,
    { from: mail.mailFrom, to: recipient.address, ...content },
    { configurationSet: mail.configurationSet },
  );
  if (result.status === 'rejected') {
    // Acknowledged, so no DLQ shows it: the metric is what an alarm can watch. Counted once,
    // as a replayed idempotent result never reaches this line.
    deps.metrics.addMetric('MailRejected', MetricUnit.Count, 1);
    log.error('SES rejected the email; not retrying it', {
      imageId: event.imageId,
      type: event.type,
      recipient: recipient.kind,
      error: result.error,
    });
    return { status: 'rejected', recipient: recipient.kind, error: result.error };
  }
  return { status: 'sent', recipient: recipient.kind, messageId: result.messageId };
}

/**
 * Publishes the summary line to the notifications topic. The SNS Subject
 * (what an email subscription shows as the subject) is fixed ASCII, as SNS
 * requires; the line itself names the image.
 *
 * @returns the SNS MessageId.
 * @throws the SDK error (transient), so the message is retried.
 */
async function publishSummary(
  event: ImageProcessed | ImageRejected,
  name: string,
  deps: Pick<MailerDeps, 'clients' | 'mail'>,
): Promise<string | null> {
  const response = await deps.clients.sns.send(
    new PublishCommand({
      TopicArn: deps.mail.notificationsTopicArn,
      Subject: event.type === ImageEventType.PROCESSED ? 'Image processed' : 'Image rejected',
      Message: summaryLine(event, name),
      MessageAttributes: { type: { DataType: 'String', StringValue: event.type } },
    }),
  );
  return response.MessageId ?? null;
}

/**
 * The one-line summary operators get on the notifications topic, e.g.
 * `PROCESSED "sunset.jpg" (3f2b…) owner 9d4a…: thumb, small` or
 * `REJECTED "notes.txt" (3f2b…) owner none: Image::NotAnImage: not an image`.
 */
export function summaryLine(event: ImageProcessed | ImageRejected, name: string): string {
  const who = `"${name}" (${event.imageId}) owner ${event.owner ?? 'none'}`;
  if (event.type === ImageEventType.PROCESSED) {
    const sizes = [...new Set(event.renditions.map((rendition) => rendition.name))];
    return `PROCESSED ${who}: ${sizes.length > 0 ? sizes.join(', ') : 'no renditions'}`;
  }
  return `REJECTED ${who}: ${event.reason}: ${event.message.replace(/\s+/g, ' ').trim()}`;
}
