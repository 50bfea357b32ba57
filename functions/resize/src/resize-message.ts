import { type ImageAccepted, ImageEventType, parseMessage, UnexpectedMessageError } from '@pipeline/events';
import type { SQSRecord } from 'aws-lambda';

/**
 * Parses one resize queue message: an `image.accepted` event.
 *
 * @throws {MalformedMessageError | UnexpectedMessageError} (permanent) for any other message.
 */
export function parseResizeMessage(record: Pick<SQSRecord, 'body'>): ImageAccepted {
  const message = parseMessage(record.body);
  if (message.kind !== 'domain' || message.event.type !== ImageEventType.ACCEPTED) {
    const got = message.kind === 'domain' ? message.event.type : 'an S3 event';
    throw new UnexpectedMessageError(`resize handles ${ImageEventType.ACCEPTED} events, got ${got}`);
  }
  return message.event;
}
