import { randomBytes } from 'node:crypto';
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { withoutControlCharacters } from './email-content.js';

/** One email, before it becomes MIME. */
export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Goes into the Date header; default now. */
  date?: Date;
}

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

const CRLF = '\r\n';
// Bytes of UTF-8 per encoded word: base64 of 45 bytes is 60 chars, so a word stays under RFC 2047's 75.
const ENCODED_WORD_BYTES = 45;

/**
 * The email as an RFC 5322 message: multipart/alternative with a text/plain
 * and a text/html part, both UTF-8 and base64 encoded (any caption survives,
 * no line gets too long). SES sends it as given (SendEmail `Content.Raw`).
 *
 * Why raw rather than `Content.Simple`: the result is the same mail on AWS,
 * but moto keeps only the HTML of a Simple message and no time at all, while
 * it keeps a raw message whole, so `make mail` and the tests can read both
 * bodies and the Date header back.
 *
 * @throws {Error} when `from` or `to` holds a line break (header injection).
 */
export function buildRawEmail(
  email: OutgoingEmail,
  boundary = `=_mailer_${randomBytes(12).toString('hex')}`,
) {
  const headers = [
    `From: ${address('from', email.from)}`,
    `To: ${address('to', email.to)}`,
    `Subject: ${encodeHeaderText(email.subject)}`,
    `Date: ${rfc5322Date(email.date ?? new Date())}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=UTF-8`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(body),
    ].join(CRLF);
  return [
    ...headers,
    '',
    part('text/plain', email.text),
    part('text/html', email.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

/**
 * A header value that is safe to send: control characters (line breaks
 * included, so nothing can add a header) become spaces; non-ASCII text
 * becomes RFC 2047 encoded words, folded onto continuation lines.
 */
export function encodeHeaderText(value: string): string {
  const clean = withoutControlCharacters(value);
  if (/^[\u0020-\u007e]*$/.test(clean)) return clean;
  const words: string[] = [];
  let chunk = '';
  for (const char of clean) {
    if (Buffer.byteLength(chunk + char, 'utf8') > ENCODED_WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

function address(header: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`${header}: an email address cannot hold a line break`);
  return value.trim();
}

/** `Sat, 22 Nov 2025 20:00:00 +0000`. */
function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** Base64 in lines of 76 characters (RFC 2045). */
function base64Lines(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  return encoded.match(/.{1,76}/g)?.join(CRLF) ?? '';
}
