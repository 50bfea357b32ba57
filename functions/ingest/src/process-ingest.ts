import type { ServiceDeps } from '@pipeline/aws';
import { parseMessage, UnexpectedMessageError } from '@pipeline/events';
import { type IngestOutcome, ingestRecord } from './ingest-upload.js';

/**
 * Handles one ingest queue message: an S3 event whose ObjectCreated records
 * are validated, recorded and announced one by one.
 *
 * @returns what happened to each record, in order.
 * @throws {MalformedMessageError | UnexpectedMessageError} (permanent) for a message that is not an S3 event.
 * @throws AWS SDK errors (transient) so the message is retried.
 */
export async function processIngestMessage(body: string, deps: ServiceDeps): Promise<IngestOutcome[]> {
  const message = parseMessage(body);
  if (message.kind !== 's3') {
    throw new UnexpectedMessageError(`ingest handles S3 events, got a ${message.event.type} event`);
  }
  const outcomes: IngestOutcome[] = [];
  // Sequential: a record that fails stops the message, and every record is idempotent on retry.
  for (const record of message.records) outcomes.push(await ingestRecord(record, deps));
  return outcomes;
}
