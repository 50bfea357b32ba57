import {
  type ImageAccepted,
  ImageEventType,
  MalformedMessageError,
  parseJsonBody,
  parseMessage,
  RERENDER_REQUESTED,
  type RerenderRequest,
  RerenderRequestSchema,
  UnexpectedMessageError,
} from '@pipeline/events';
import type { SQSRecord } from 'aws-lambda';

/** What resize is asked to do: render an accepted image, or bring a processed one to the active profile. */
export type ResizeRequest = ImageAccepted | RerenderRequest;

/**
 * Parses one resize queue message: an `image.accepted` event (from the topic),
 * or an `image.rerender_requested` (sent to the queue by `make rerender`).
 *
 * @throws {MalformedMessageError | UnexpectedMessageError} (permanent) for any other message.
 */
export function parseResizeMessage(record: Pick<SQSRecord, 'body'>): ResizeRequest {
  const json = parseJsonBody(record.body);
  if (typeof json === 'object' && json !== null && (json as { type?: unknown }).type === RERENDER_REQUESTED) {
    const parsed = RerenderRequestSchema.safeParse(json);
    if (!parsed.success) throw new MalformedMessageError(`${RERENDER_REQUESTED}: ${parsed.error.message}`);
    return parsed.data;
  }
  const message = parseMessage(record.body);
  if (message.kind !== 'domain' || message.event.type !== ImageEventType.ACCEPTED) {
    const got = message.kind === 'domain' ? message.event.type : 'an S3 event';
    throw new UnexpectedMessageError(
      `resize handles ${ImageEventType.ACCEPTED} and ${RERENDER_REQUESTED}, got ${got}`,
    );
  }
  return message.event;
}
