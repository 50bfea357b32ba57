import { makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Log } from '@pipeline/aws';
import type { ImageRecord } from '@pipeline/domain';
import {
  type ImageProcessed,
  type ImageRejected,
  parseMessage,
  UnexpectedMessageError,
} from '@pipeline/events';
import { ImagesStore } from '@pipeline/store';
import type { MailerDeps } from './deps.js';
import type { Idempotency } from './idempotency.js';
import { imageName } from './image-name.js';
import { type MailOutcome, mailAbout } from './mail-about.js';
import { eventIdentity, isMailerEvent, isSummarized, type MailerEvent } from './mailer-event.js';
import { publishSummary } from './notify.js';

/** What the mailer did with one message. */
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

/**
 * The mailer's per-message service. Each message is one domain event; its
 * email and its summary line are two idempotent units keyed on the event's
 * identity, so:
 *
 * - a redelivered (or twice published) event sends nothing again;
 * - a unit that throws is not recorded as done, so SQS retries it;
 * - the summary failing after the email went out retries only the summary
 *   (one unit for both would send the email again).
 *
 * @returns a function of one SQS message body.
 * @throws {MalformedMessageError | UnexpectedMessageError} (permanent) for a body that is not a mailer event.
 * @throws SDK and idempotency-store errors (transient) so the message is retried.
 */
export function createMailer(deps: MailerDeps, idempotency: Idempotency) {
  // `run` is not hashed (only the unit is): it tells a fresh run from a replay of the stored result.
  const mailOnce = makeIdempotent(
    (_unit: { key: string }, event: MailerEvent, image: MailedImage, log: Log, run: Run) => {
      run.fresh = true;
      return mailAbout(event, image, deps, log);
    },
    { ...idempotency, keyPrefix: MAIL_KEY_PREFIX },
  );
  const summarizeOnce = makeIdempotent(
    async (_unit: { key: string }, event: ImageProcessed | ImageRejected, name: string, run: Run) => {
      run.fresh = true;
      return {
        messageId: await publishSummary(deps.clients.sns, deps.mail.notificationsTopicArn, event, name),
      };
    },
    { ...idempotency, keyPrefix: SUMMARY_KEY_PREFIX },
  );
  const store = new ImagesStore(deps.clients.dynamo, deps.config.imagesTable);

  return async function handleMessage(body: string, log: Log): Promise<MailerResult> {
    const message = parseMessage(body);
    if (message.kind !== 'domain' || !isMailerEvent(message.event)) {
      const got = message.kind === 'domain' ? message.event.type : 'an S3 event';
      throw new UnexpectedMessageError(
        `mailer handles image.processed|rejected|reviewed|deleted, got ${got}`,
      );
    }
    const event = message.event;
    const unit = { key: eventIdentity(event) };
    const record = await store.get(event.imageId);
    const name = imageName(record, event.key);

    const mailRun: Run = { fresh: false };
    const summaryRun: Run = { fresh: false };
    const mail = await mailOnce(unit, event, { record, name }, log, mailRun);
    const summary = isSummarized(event) ? await summarizeOnce(unit, event, name, summaryRun) : undefined;
    log.info(mailRun.fresh || summaryRun.fresh ? 'Mailer event handled' : 'Mailer event already handled', {
      imageId: event.imageId,
      type: event.type,
      identity: unit.key,
      mail: mailRun.fresh ? mail.status : `already ${mail.status}`,
      ...(mail.status === 'skipped' ? { why: mail.why } : { recipient: mail.recipient }),
      summary: summary ? (summaryRun.fresh ? 'published' : 'already published') : 'none',
    });
    return { identity: unit.key, mail, ...(summary ? { summary } : {}) };
  };
}

/** Set when the idempotent function really ran (not a replay of its stored result). */
interface Run {
  fresh: boolean;
}

interface MailedImage {
  record: ImageRecord | undefined;
  name: string;
}
