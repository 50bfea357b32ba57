/**
 * The email moto's SES "sent" (it delivers nothing; it keeps every message),
 * read from GET <endpoint>/moto-api/data.json. Used by the tests, the soak
 * and `make mail`.
 */
import { addressList, decodeEncodedWords, parseMime } from './mime.ts';

/** One email as sent through SES. */
export interface SentEmail {
  /** SES MessageId. */
  id: string;
  from: string;
  /** Bare addresses of the To header (or of the SES destination). */
  to: string[];
  subject: string;
  /** The text/plain body; `null` when the message had none. */
  text: string | null;
  /** The text/html body; `null` when the message had none. */
  html: string | null;
  /**
   * ISO-8601 time from the message's Date header; `null` for a Simple
   * (non-raw) SES message, for which moto keeps no time.
   */
  timestamp: string | null;
}

interface MotoRawMessage {
  id: string;
  source: string | null;
  destinations: string[];
  raw_data: string;
}

interface MotoSimpleMessage {
  id: string;
  source: string;
  subject: string;
  body: string;
  destinations: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
}

/**
 * Every email moto's SES (v1 or v2; raw or simple content) has accepted,
 * oldest first: raw messages in the order of their Date headers, after the
 * simple ones (moto keeps no time for those; of a simple message with both
 * bodies it keeps only the HTML).
 *
 * @throws Error when moto does not answer.
 */
export async function readSentEmails(endpoint: string): Promise<SentEmail[]> {
  const response = await fetch(`${endpoint.replace(/\/+$/, '')}/moto-api/data.json`);
  if (!response.ok)
    throw new Error(`moto at ${endpoint}: GET /moto-api/data.json answered ${response.status}`);
  const data = (await response.json()) as {
    ses?: { RawMessage?: MotoRawMessage[]; Message?: MotoSimpleMessage[] };
  };
  const simple = (data.ses?.Message ?? []).map(fromSimple);
  const raw = (data.ses?.RawMessage ?? []).map(fromRaw);
  // Stable sort: messages with the same second keep moto's (sending) order.
  raw.sort((a, b) => (a.timestamp ?? '').localeCompare(b.timestamp ?? ''));
  return [...simple, ...raw];
}

/** A raw message as moto stored it, parsed. Exported for tests. */
export function fromRaw(message: MotoRawMessage): SentEmail {
  const mime = parseMime(message.raw_data);
  const date = mime.headers.get('date');
  const time = date ? new Date(date) : undefined;
  const to = addressList(mime.headers.get('to'));
  return {
    id: message.id,
    from: message.source ?? addressList(mime.headers.get('from'))[0] ?? '',
    to: to.length > 0 ? to : [...new Set(message.destinations)],
    subject: decodeEncodedWords(mime.headers.get('subject') ?? ''),
    text: mime.text,
    html: mime.html,
    timestamp: time && !Number.isNaN(time.getTime()) ? time.toISOString() : null,
  };
}

function fromSimple(message: MotoSimpleMessage): SentEmail {
  const isHtml = /<[a-z][\s\S]*>/i.test(message.body);
  return {
    id: message.id,
    from: message.source,
    to: message.destinations.ToAddresses ?? [],
    subject: message.subject,
    text: isHtml ? null : message.body,
    html: isHtml ? message.body : null,
    timestamp: null,
  };
}
