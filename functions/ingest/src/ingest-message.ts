import type { ServiceDeps } from '@pipeline/aws';
import { oneAtATimePerKey, parseMessage, UnexpectedMessageError } from '@pipeline/events';
import { type IngestOutcome, ingestRecord } from './ingest-upload.js';

/** Copies of one S3 event in a batch run one after another (see oneAtATimePerKey). */
const perUpload = oneAtATimePerKey();

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
  for (const record of message.records) {
    const upload = `${record.s3.bucket.name}/${record.s3.object.key}`;
    outcomes.push(await perUpload(upload, () => ingestRecord(record, deps)));
  }
  return outcomes;
}
