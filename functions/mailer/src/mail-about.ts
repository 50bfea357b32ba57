import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Log } from '@pipeline/aws';
import type { ImageRecord } from '@pipeline/domain';
import { composeEmail } from './compose-email.js';
import type { MailerDeps } from './deps.js';
import { imageLink } from './image-name.js';
import type { MailerEvent } from './mailer-event.js';
import { resolveRecipient } from './recipient.js';
import { sendEmail } from './send-email.js';

/** What happened to the email about one event (stored as the idempotent result: no addresses in it). */
export type MailOutcome =
  | { status: 'sent'; recipient: 'owner' | 'operations'; messageId: string | null }
  /** SES refused it for good (MessageRejected); logged and not retried. */
  | { status: 'rejected'; recipient: 'owner' | 'operations'; error: string }
  /** Nobody to write to (see `resolveRecipient`). */
  | { status: 'skipped'; why: string };

/**
 * Writes to whoever should hear about `event` (see `resolveRecipient`) with
 * the email `composeEmail` makes; counts `MailRejected` when SES refuses it.
 *
 * @throws Cognito and SES SDK errors other than MessageRejected (transient).
 */
export async function mailAbout(
  event: MailerEvent,
  image: { record: ImageRecord | undefined; name: string },
  deps: MailerDeps,
  log: Log,
): Promise<MailOutcome> {
  const { mail } = deps;
  const recipient = await resolveRecipient(deps.cognito, mail, event.owner);
  if (recipient.kind === 'none') {
    log.warn('Nobody to email about this image', {
      imageId: event.imageId,
      type: event.type,
      why: recipient.why,
    });
    return { status: 'skipped', why: recipient.why };
  }
  const content = composeEmail(event, {
    name: image.name,
    link: imageLink(mail.webAppUrl, event.imageId),
    recipient,
    record: image.record,
  });
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
