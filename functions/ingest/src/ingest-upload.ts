import { getObjectVersion, type ServiceDeps } from '@pipeline/aws';
import { decodeS3Key, normalizeEtag, orderKeyFor, parseUploadKey } from '@pipeline/domain';
import {
  eventFields,
  ImageEventType,
  isObjectCreated,
  MalformedMessageError,
  publishEvent,
  type S3EventRecord,
} from '@pipeline/events';
import { InvalidImageError, probeImage } from '@pipeline/imaging';
import { ImagesStore, type UploadFacts } from '@pipeline/store';
import { rejectUpload, settleDuplicate } from './reject-upload.js';

/** What ingest did with one S3 record. */
export type IngestOutcome =
  | 'accepted'
  | 'rejected'
  /** Same upload already recorded; image.accepted / image.rejected re-published to finish an interrupted run. */
  | 'republished'
  | 'duplicate'
  /** A newer event (or another key) owns the record. */
  | 'stale'
  /** The object is gone or was replaced before we read it. */
  | 'gone'
  /** Not an ObjectCreated event for the uploads bucket. */
  | 'skipped';

/**
 * Validates one uploaded object by its content and records it ACCEPTED
 * (then publishes image.accepted) or REJECTED (then publishes image.rejected
 * and deletes the upload). Uploads larger than MAX_UPLOAD_BYTES are rejected
 * from the event's size without being downloaded.
 *
 * @throws {MalformedMessageError} for an ObjectCreated record without eTag.
 * @throws AWS SDK errors (transient).
 */
export async function ingestRecord(record: S3EventRecord, deps: ServiceDeps): Promise<IngestOutcome> {
  const { clients, config, logger } = deps;
  const bucket = record.s3.bucket.name;
  const key = decodeS3Key(record.s3.object.key);
  const parsed = parseUploadKey(key);
  if (!isObjectCreated(record) || !parsed || bucket !== config.uploadsBucket) {
    logger.info('Skipping an event that is not an upload of ours', {
      eventName: record.eventName,
      bucket,
      key,
    });
    return 'skipped';
  }
  const eTag = record.s3.object.eTag;
  if (!eTag) throw new MalformedMessageError('Records[].s3.object.eTag: required on ObjectCreated events');
  const upload: UploadFacts = {
    ...parsed,
    bucket,
    key,
    version: normalizeEtag(eTag),
    orderKey: orderKeyFor({ sequencer: record.s3.object.sequencer, eventTime: record.eventTime }),
  };
  const store = new ImagesStore(clients.dynamo, config.imagesTable);
  const log = { imageId: upload.imageId, version: upload.version, key };

  const size = record.s3.object.size;
  if (size !== undefined && size > config.maxUploadBytes) {
    const message = `The upload is ${size} bytes; the limit is ${config.maxUploadBytes} bytes`;
    return rejectUpload(upload, { reason: 'Image::TooLarge', message, bytes: size }, store, deps);
  }

  const object = await getObjectVersion(clients.s3, { bucket, key, version: upload.version });
  if (!object) {
    // Deleted or overwritten since the event: the ObjectRemoved / newer ObjectCreated event will settle it.
    logger.info('Upload is gone or replaced; nothing to do', log);
    return 'gone';
  }

  let probe: Awaited<ReturnType<typeof probeImage>>;
  try {
    probe = await probeImage(object.body, {
      maxBytes: config.maxUploadBytes,
      maxPixels: config.maxInputPixels,
    });
  } catch (error) {
    if (!(error instanceof InvalidImageError)) throw error;
    const rejection = { reason: error.reason, message: error.message, bytes: object.body.byteLength };
    return rejectUpload(upload, rejection, store, deps, { objectPresent: true });
  }

  const result = await store.recordAccepted(upload, {
    contentType: probe.mimeType,
    bytes: probe.bytes,
    width: probe.width,
    height: probe.height,
    format: probe.format,
  });
  if (result.outcome === 'recorded') {
    await publishEvent(clients.sns, config.eventsTopicArn, {
      type: ImageEventType.ACCEPTED,
      ...eventFields(upload),
    });
    logger.info('Upload accepted', {
      ...log,
      format: probe.format,
      width: probe.width,
      height: probe.height,
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
