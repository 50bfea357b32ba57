/**
 * What `make mail` prints: the emails moto's SES accepted, newest first.
 * Pure, so it is tested without a stack (scripts/ops/tests/mail-format.test.ts).
 */
import type { SentEmail } from '@pipeline/local-aws/mail';

/** Default of `--limit`. */
export const DEFAULT_MAIL_LIMIT = 10;

/** The options of `make mail`. */
export interface MailOptions {
  /** How many emails to show, newest first. */
  limit: number;
}

/**
 * Parses `--limit N` / `--limit=N`.
 * @throws Error naming the argument when it is unknown or N is not a positive whole number.
 */
export function parseMailArgs(argv: readonly string[]): MailOptions {
  let limit = DEFAULT_MAIL_LIMIT;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (flag !== '--limit') throw new Error(`unknown argument "${arg}" (usage: mail.ts [--limit N])`);
    const value = inline ?? argv[++index];
    if (value === undefined || !/^[1-9]\d*$/.test(value)) {
      throw new Error(
        `--limit: expected a positive whole number, got ${value === undefined ? 'nothing' : `"${value}"`}`,
      );
    }
    limit = Number(value);
  }
  return { limit };
}

/**
 * The listing: a count line, then per email (newest first) its time, sender,
 * recipients and subject, and its text body indented by four spaces (the
 * HTML with tags stripped when there is no text part).
 */
export function formatEmails(emails: readonly SentEmail[], options: MailOptions): string {
  if (emails.length === 0) return 'No emails sent yet.';
  const newestFirst = [...emails].reverse().slice(0, options.limit);
  const header =
    newestFirst.length < emails.length
      ? `${emails.length} emails sent; the newest ${newestFirst.length} (--limit ${options.limit}):`
      : `${emails.length} email${emails.length === 1 ? '' : 's'} sent, newest first:`;
  return [header, ...newestFirst.map(formatEmail)].join('\n\n');
}

function formatEmail(email: SentEmail): string {
  const body = email.text ?? (email.html ? stripTags(email.html) : '(no body)');
  return [
    `── ${email.timestamp ? readableTime(email.timestamp) : '(time unknown)'}`,
    `From:    ${email.from}`,
    `To:      ${email.to.join(', ') || '(nobody)'}`,
    `Subject: ${email.subject}`,
    '',
    ...body
      .trimEnd()
      .split(/\r?\n/)
      .map((line) => (line === '' ? '' : `    ${line}`)),
  ].join('\n');
}

/** `2025-11-22 20:01:02 UTC`. */
function readableTime(iso: string): string {
  return `${iso.slice(0, 19).replace('T', ' ')} UTC`;
}

function stripTags(html: string): string {
  return html
    .replace(/<(head|style|script)[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(p|tr|h\d|li|div)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
