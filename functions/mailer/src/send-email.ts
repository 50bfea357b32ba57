import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { buildRawEmail, type OutgoingEmail } from './mime.js';

/** What SES did with one email. */
export type SendResult =
  | { status: 'sent'; messageId: string | null }
  /** SES refused the message for good (MessageRejected): retrying cannot help. */
  | { status: 'rejected'; error: string };

/** How SES should send: the configuration set whose event destinations see the email, if any. */
export interface SendOptions {
  configurationSet?: string | null;
}

/**
 * Sends one email through SES v2 as a raw MIME message (see `buildRawEmail`),
 * through `options.configurationSet` when one is given (bounce and reject tracking).
 *
 * @returns `rejected` when SES answers MessageRejected (a recipient or
 *   content SES will not send, e.g. an unverified address in the sandbox).
 * @throws the SDK error for anything else (throttling, 5xx, quota): transient, so the message is retried.
 */
export async function sendEmail(
  ses: SESv2Client,
  email: OutgoingEmail,
  options: SendOptions = {},
): Promise<SendResult> {
  try {
    const response = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: email.from,
        // Recipients come from the To header of the raw message, the one place they are written.
        Content: { Raw: { Data: new TextEncoder().encode(buildRawEmail(email)) } },
        ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
      }),
    );
    return { status: 'sent', messageId: response.MessageId ?? null };
  } catch (error) {
    if ((error as { name?: string }).name === 'MessageRejected') {
      return { status: 'rejected', error: (error as Error).message };
    }
    throw error;
  }
}
