import { parseMessage, type S3EventRecord, UnexpectedMessageError } from '@pipeline/events';
import type { SQSRecord } from 'aws-lambda';

/**
 * Parses one ingest queue message: an S3 event, whose records ingest handles one by one.
 *
 * @throws {MalformedMessageError | UnexpectedMessageError} (permanent) for a message that is not an S3 event.
 */
export function parseIngestMessage(record: Pick<SQSRecord, 'body'>): S3EventRecord[] {
  const message = parseMessage(record.body);
  if (message.kind !== 's3') {
    throw new UnexpectedMessageError(`ingest handles S3 events, got a ${message.event.type} event`);
  }
  return message.records;
}
