import {
  type DomainEvent,
  type ImageDeleted,
  ImageEventType,
  type ImageProcessed,
  type ImageRejected,
  type ImageReviewed,
  parseMessage,
  UnexpectedMessageError,
} from '@pipeline/events';

/** The domain events the mailer writes to people about (its queue's filter policy). */
export type MailerEvent = ImageProcessed | ImageRejected | ImageReviewed | ImageDeleted;

const MAILED_TYPES: ReadonlySet<string> = new Set([
  ImageEventType.PROCESSED,
  ImageEventType.REJECTED,
  ImageEventType.REVIEWED,
  ImageEventType.DELETED,
]);

/**
 * The parse step: one SQS message body -> the event to mail about.
 *
 * @throws {MalformedMessageError} (permanent) for a body that is no pipeline message.
 * @throws {UnexpectedMessageError} (permanent) for an S3 event or another domain event.
 */
export function parseMailerMessage(body: string): MailerEvent {
  const message = parseMessage(body);
  if (message.kind !== 'domain' || !isMailerEvent(message.event)) {
    const got = message.kind === 'domain' ? message.event.type : 'an S3 event';
    throw new UnexpectedMessageError(`mailer handles image.processed|rejected|reviewed|deleted, got ${got}`);
  }
  return message.event;
}

function isMailerEvent(event: DomainEvent): event is MailerEvent {
  return MAILED_TYPES.has(event.type);
}

/** `true` for the events that also get a one-line summary on the notifications topic. */
export function isSummarized(event: MailerEvent): event is ImageProcessed | ImageRejected {
  return event.type === ImageEventType.PROCESSED || event.type === ImageEventType.REJECTED;
}

/**
 * What makes one event one email: its type, image and upload version, and
 * for a review its time (a moderator may review the same version again,
 * and the owner should hear about each decision). Redelivery of the same
 * event, or the same event published twice, has the same identity.
 */
export function eventIdentity(event: MailerEvent): string {
  const base = `${event.type}#${event.imageId}#${event.version}`;
  return event.type === ImageEventType.REVIEWED ? `${base}#${event.reviewedAt}` : base;
}
