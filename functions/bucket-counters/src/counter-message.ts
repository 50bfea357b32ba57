import { type DomainEvent, parseMessage, UnexpectedMessageError } from '@pipeline/events';

/** What the counters need of an event: only which image changed (its record says the rest). */
export interface CounterRequest {
  imageId: string;
  /** The event type, for the logs. */
  type: DomainEvent['type'];
}

/**
 * The parse step: one SQS message body (a domain event, raw or in an SNS
 * envelope) -> the image whose counters to bring up to date.
 *
 * @throws {MalformedMessageError} (permanent) for a body that is no pipeline message.
 * @throws {UnexpectedMessageError} (permanent) for an S3 event.
 */
export function parseCounterMessage(body: string): CounterRequest {
  const message = parseMessage(body);
  if (message.kind !== 'domain') {
    throw new UnexpectedMessageError('bucket-counters handles image.* domain events, got an S3 event');
  }
  return { imageId: message.event.imageId, type: message.event.type };
}
