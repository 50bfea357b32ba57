import { objectExists, type ServiceDeps } from '@pipeline/aws';
import type { ImageRecord } from '@pipeline/domain';
import { announceRejection, eventFields, ImageEventType, publishEvent, rejectionOf } from '@pipeline/events';
import type { ImagesStore, Rejection, UploadFacts } from '@pipeline/store';
import type { IngestOutcome } from './ingest-outcome.js';

/** What the caller knows about the upload object. */
interface ObjectState {
  /** `true` when the caller has just read this version of the object. */
  objectPresent?: boolean;
}

/**
 * Records a rejected upload, announces it, then removes the upload.
 * Publishing before deleting means a retry that still finds the object knows
 * the previous attempt was interrupted and can finish it (see {@link settleDuplicate}).
 */
export async function rejectUpload(
  upload: UploadFacts,
  rejection: Rejection,
  store: ImagesStore,
  deps: ServiceDeps,
  state: ObjectState = {},
): Promise<IngestOutcome> {
  const result = await store.recordRejected(upload, rejection);
  if (result.outcome === 'recorded') {
    await announceRejection(upload, rejection, deps);
    deps.logger.info('Upload rejected', {
      imageId: upload.imageId,
      key: upload.key,
      reason: rejection.reason,
    });
    return 'rejected';
  }
  if (result.outcome === 'duplicate' && result.record)
    return settleDuplicate(upload, result.record, deps, state);
  deps.logger.info('A newer event owns this image; ignoring this one', {
    imageId: upload.imageId,
    key: upload.key,
  });
  return 'stale';
}

/**
 * The same upload was already recorded (a redelivered event, or a retry after
 * a crash). ACCEPTED: re-publish image.accepted, since resize is idempotent.
 * REJECTED and the upload still there: the previous run stopped before its
 * last step (the delete), so re-publish image.rejected and delete it. Anything
 * else is already settled.
 */
export async function settleDuplicate(
  upload: UploadFacts,
  record: ImageRecord,
  deps: ServiceDeps,
  state: ObjectState = {},
): Promise<IngestOutcome> {
  const { clients, config, logger } = deps;
  const log = { imageId: upload.imageId, version: upload.version, status: record.status };
  if (record.status === 'ACCEPTED') {
    await publishEvent(clients.sns, config.eventsTopicArn, {
      type: ImageEventType.ACCEPTED,
      ...eventFields(upload),
    });
    logger.info('Duplicate of an accepted upload; re-published image.accepted', log);
    return 'republished';
  }
  if (record.status === 'REJECTED') {
    const present = state.objectPresent ?? (await objectExists(clients.s3, upload));
    if (present) {
      await announceRejection(upload, rejectionOf(record, 'The upload is not a usable image'), deps);
      logger.info('Finished an interrupted rejection', log);
      return 'republished';
    }
  }
  logger.info('Duplicate event; already settled', log);
  return 'duplicate';
}
