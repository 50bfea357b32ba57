import {
  type ImageDeleteRequested,
  ImageEventType,
  parseMessage,
  type S3EventRecord,
  UnexpectedMessageError,
} from '@pipeline/events';
import type { SQSRecord } from 'aws-lambda';

/** A delete queue message: an S3 event (its ObjectRemoved records) or one `image.delete_requested`. */
export type DeleteRequest =
  | { kind: 'removed'; records: S3EventRecord[] }
  | { kind: 'requested'; event: ImageDeleteRequested };

/**
 * Parses one delete queue message.
 *
 * @throws {MalformedMessageError | UnexpectedMessageError} (permanent) for any other message.
 */
export function parseDeleteMessage(record: Pick<SQSRecord, 'body'>): DeleteRequest {
  const message = parseMessage(record.body);
  if (message.kind === 's3') return { kind: 'removed', records: message.records };
  if (message.event.type === ImageEventType.DELETE_REQUESTED)
    return { kind: 'requested', event: message.event };
  throw new UnexpectedMessageError(
    `delete handles ObjectRemoved and ${ImageEventType.DELETE_REQUESTED}, got ${message.event.type}`,
  );
}
