import * as z from 'zod';
import { type DomainEvent, DomainEventSchema } from './domain-events.js';
import { MalformedMessageError } from './errors.js';
import { type S3EventRecord, S3EventSchema } from './s3-event.js';

/** What a queue message holds. */
export type PipelineMessage =
  | { kind: 's3'; records: S3EventRecord[] }
  | { kind: 'domain'; event: DomainEvent };

const SnsEnvelopeSchema = z.object({ Type: z.literal('Notification'), Message: z.string() });

/**
 * Parses an SQS message body: an S3 event (`{ Records }`), a domain event
 * (`{ type, ... }`), either wrapped in an SNS envelope when raw delivery is
 * off. S3's `s3:TestEvent` (sent when notifications are configured) parses as
 * an S3 event with no records.
 *
 * @throws {MalformedMessageError} (permanent) for anything else.
 */
export function parseMessage(body: string): PipelineMessage {
  const json = parseJsonBody(body);
  const envelope = SnsEnvelopeSchema.safeParse(json);
  if (envelope.success) return parseMessage(envelope.data.Message);

  if (isObject(json) && 'Records' in json) {
    const parsed = S3EventSchema.safeParse(json);
    if (!parsed.success) throw malformed('S3 event', parsed.error);
    return { kind: 's3', records: parsed.data.Records };
  }
  if (isObject(json) && json.Event === 's3:TestEvent') return { kind: 's3', records: [] };
  if (isObject(json) && 'type' in json) {
    const parsed = DomainEventSchema.safeParse(json);
    if (!parsed.success) throw malformed('domain event', parsed.error);
    return { kind: 'domain', event: parsed.data };
  }
  throw new MalformedMessageError('body: neither an S3 event nor a domain event');
}

/**
 * A queue message body as JSON.
 *
 * @throws {MalformedMessageError} (permanent) `body: not JSON`.
 */
export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new MalformedMessageError('body: not JSON', { cause: error });
  }
}

/** The first three issues of a zod error as `path: message`, joined by `; ` (`root` names an empty path). */
export function describeIssues(error: z.ZodError, root: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || root}: ${issue.message}`)
    .join('; ');
}

function malformed(what: string, error: z.ZodError): MalformedMessageError {
  return new MalformedMessageError(`body: invalid ${what}: ${describeIssues(error, '(root)')}`, {
    cause: error,
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
