import type { ServiceDeps } from '@pipeline/aws';
import { normalizeEtag, orderKeyFor } from '@pipeline/domain';
import {
  eventFields,
  ImageEventType,
  isObjectCreated,
  MalformedMessageError,
  oneAtATimePerKey,
  publishEvent,
  type S3EventRecord,
  uploadRecordOf,
} from '@pipeline/events';
import type { ImagesStore, UploadFacts } from '@pipeline/store';
import type { IngestOutcome } from './ingest-outcome.js';
import { readUploadHeader } from './read-upload-header.js';
import { rejectUpload, settleDuplicate } from './reject-upload.js';

/** What the ingest service receives: the pipeline's clients and config, and the images store. */
export type IngestDeps = ServiceDeps & { store: ImagesStore };

/** Copies of one S3 event in a batch run one after another (see oneAtATimePerKey). */
const perUpload = oneAtATimePerKey();

/**
 * Handles the records of one ingest message: each ObjectCreated record is
 * validated, recorded and announced, one after another (a record that fails
 * stops the message, and every record is idempotent on retry).
 *
 * @returns what happened to each record, in order.
 * @throws AWS SDK errors (transient) so the message is retried.
 */
export async function ingestUploads(
  records: readonly S3EventRecord[],
  deps: IngestDeps,
): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  for (const record of records) {
    const upload = `${record.s3.bucket.name}/${record.s3.object.key}`;
    outcomes.push(await perUpload(upload, () => ingestUpload(record, deps)));
  }
  return outcomes;
}

/**
 * Validates one uploaded object by its header and records it ACCEPTED
 * (then publishes image.accepted) or REJECTED (then publishes image.rejected
 * and deletes the upload). Uploads larger than MAX_UPLOAD_BYTES are rejected
 * from the event's size without a read; the rest from the first bytes of the
 * object (see readUploadHeader). Nothing here decodes pixels: a body that is
 * truncated or corrupt past a sound header is accepted, and rejected by
 * resize when it decodes it, with the same end state.
 *
 * @throws {MalformedMessageError} for an ObjectCreated record without eTag.
 * @throws AWS SDK errors (transient).
 */
export async function ingestUpload(record: S3EventRecord, deps: IngestDeps): Promise<IngestOutcome> {
  const { clients, config, logger, store } = deps;
  const { upload: parsed, where } = uploadRecordOf(record, config.uploadsBucket);
  if (!isObjectCreated(record) || !parsed) {
    logger.info('Skipping an event that is not an upload of ours', where);
    return 'skipped';
  }
  const { bucket, key } = where;
  const eTag = record.s3.object.eTag;
  if (!eTag) throw new MalformedMessageError('Records[].s3.object.eTag: required on ObjectCreated events');
  const upload: UploadFacts = {
    ...parsed,
    bucket,
    key,
    version: normalizeEtag(eTag),
    orderKey: orderKeyFor({ sequencer: record.s3.object.sequencer, eventTime: record.eventTime }),
  };
  const log = { imageId: upload.imageId, version: upload.version, key };

  const size = record.s3.object.size;
  if (size !== undefined && size > config.maxUploadBytes) {
    const message = `The upload is ${size} bytes; the limit is ${config.maxUploadBytes} bytes`;
    return rejectUpload(upload, { reason: 'Image::TooLarge', message, bytes: size }, store, deps);
  }

  const verdict = await readUploadHeader(clients.s3, upload, {
    maxBytes: config.maxUploadBytes,
    maxPixels: config.maxInputPixels,
  });
  if (!verdict) {
    // Deleted or overwritten since the event: the ObjectRemoved / newer ObjectCreated event will settle it.
    logger.info('Upload is gone or replaced; nothing to do', log);
    return 'gone';
  }
  if (verdict.kind === 'invalid') {
    const { reason, message } = verdict.error;
    return rejectUpload(upload, { reason, message, bytes: verdict.bytes }, store, deps, {
      objectPresent: true,
    });
  }

  const header = verdict.facts;
  const result = await store.recordAccepted(upload, {
    contentType: header.mimeType,
    bytes: header.bytes,
    width: header.width,
    height: header.height,
    format: header.format,
  });
  if (result.outcome === 'recorded') {
    await publishEvent(clients.sns, config.eventsTopicArn, {
      type: ImageEventType.ACCEPTED,
      ...eventFields(upload),
    });
    logger.info('Upload accepted', {
      ...log,
      format: header.format,
      width: header.width,
      height: header.height,
      bytesRead: verdict.bytesRead,
    });
    return 'accepted';
  }
  if (result.outcome === 'duplicate' && result.record) {
    return settleDuplicate(upload, result.record, deps, { objectPresent: true });
  }
  logger.info('A newer event owns this image; ignoring this one', {
    ...log,
    current: result.record?.version,
  });
  return 'stale';
}
