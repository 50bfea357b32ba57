import { deleteObjectVersion, objectExists, type ServiceDeps } from '@pipeline/aws';
import { purgeRenditions } from '@pipeline/delivery';
import { type ImageRecord, orderKeyFor } from '@pipeline/domain';
import {
  eventFields,
  type ImageDeleteRequested,
  ImageEventType,
  isObjectRemoved,
  publishEvent,
  type S3EventRecord,
  uploadRecordOf,
} from '@pipeline/events';
import type { DeleteResult, ImagesStore } from '@pipeline/store';
import type { DeleteRequest } from './delete-message.js';
import { unindexImage } from './unindex-image.js';

/**
 * The service's deps: the images store, and `onPurged`, which hears of every image whose
 * renditions a message removed, so the handler can purge the batch from the CDN at once.
 */
export type DeleteDeps = ServiceDeps & { store: ImagesStore; onPurged?: (imageId: string) => void };

/** What delete did with one removal. */
export type DeleteOutcome =
  /** Marked DELETED (or tombstoned) now. */
  | 'deleted'
  /** Already DELETED, or a newer upload owns the image: only stale renditions were purged. */
  | 'unchanged'
  /** Not an ObjectRemoved event for the uploads bucket. */
  | 'skipped';

/**
 * Handles one delete queue message: each ObjectRemoved record of an S3 event
 * in turn, or the one `image.delete_requested`.
 *
 * @returns what happened, per S3 record or for the one domain event.
 * @throws AWS SDK errors (transient) so the message is retried.
 */
export async function deleteImages(request: DeleteRequest, deps: DeleteDeps): Promise<DeleteOutcome[]> {
  if (request.kind === 'requested') return [await deleteRequestedImage(request.event, deps)];
  const outcomes: DeleteOutcome[] = [];
  for (const record of request.records) outcomes.push(await deleteRemovedUpload(record, deps));
  return outcomes;
}

/**
 * S3 ObjectRemoved: marks the image DELETED first (a tombstone if it was never
 * recorded, so a late ObjectCreated for it is ignored), then removes its
 * renditions, then publishes image.deleted if the mark applied.
 */
export async function deleteRemovedUpload(record: S3EventRecord, deps: DeleteDeps): Promise<DeleteOutcome> {
  const { config, logger, store } = deps;
  const { upload: parsed, where } = uploadRecordOf(record, config.uploadsBucket);
  if (!isObjectRemoved(record) || !parsed) {
    logger.info('Skipping an event that is not a removed upload of ours', where);
    return 'skipped';
  }
  const { bucket, key } = where;
  const orderKey = orderKeyFor({ sequencer: record.s3.object.sequencer, eventTime: record.eventTime });
  const result = await store.markDeleted(parsed.imageId, { orderKey, key, bucket, owner: parsed.owner });
  return settle(parsed.imageId, result, ownEarlierDelete(result, orderKey), deps);
}

/**
 * image.delete_requested: marks exactly that version DELETED (never a newer
 * upload), removes the renditions, deletes the original only while it is still
 * that version, and publishes image.deleted if the mark applied.
 */
export async function deleteRequestedImage(
  event: ImageDeleteRequested,
  deps: DeleteDeps,
): Promise<DeleteOutcome> {
  const { clients, config, logger, store } = deps;
  const current = await store.get(event.imageId);
  const result: DeleteResult =
    current && current.version === event.version && current.key === event.key
      ? await store.markDeleted(event.imageId, {
          orderKey: current.orderKey,
          version: event.version,
          key: current.key,
        })
      : { applied: false, record: current };
  const after = result.applied ? undefined : result.record;
  const ours = !after || (after.status === 'DELETED' && after.version === event.version);
  const original = { bucket: event.bucket, key: event.key, version: event.version };
  // DELETED at this version with the original still there: an earlier attempt of this request
  // stopped after its mark (maybe before image.deleted went out), since removing the original is last.
  const retried =
    after && ours && event.bucket === config.uploadsBucket && (await objectExists(clients.s3, original))
      ? after
      : undefined;
  const outcome = await settle(event.imageId, result, retried, deps);

  if (ours && event.bucket === config.uploadsBucket) {
    // If-Match: a newer upload of the same key is never deleted by an old request.
    await deleteObjectVersion(clients.s3, original);
  } else {
    logger.info('Not deleting the original: another version or bucket', {
      imageId: event.imageId,
      key: event.key,
    });
  }
  return outcome;
}

/**
 * After the mark: purge renditions (keeping a newer live version's) and hand the image to
 * `onPurged` for the CDN, then announce.
 * `retried` is the record when this delete is the retry of one whose mark applied
 * earlier: that attempt may have failed before its publish, so it announces again
 * (the mailer drops repeats of type + image + version).
 */
async function settle(
  imageId: string,
  result: DeleteResult,
  retried: ImageRecord | undefined,
  deps: DeleteDeps,
): Promise<DeleteOutcome> {
  const { clients, config, logger } = deps;
  const live = result.applied ? undefined : liveRecord(result.record);
  const purged = await purgeRenditions(clients.s3, config.renditionsBucket, imageId, live?.version);
  // Also when nothing was left to delete: a retry must invalidate what the failed attempt removed.
  deps.onPurged?.(imageId);
  const previous = result.applied ? result.previous : undefined;
  await unindexImage(deps, previous ?? (result.applied ? undefined : deletedRecord(result.record)));
  // Announce only images someone knew about: not a tombstone, not an image that was already DELETED.
  const announced = previous?.version && previous.status !== 'DELETED' ? previous : retried;
  if (announced?.version) {
    await publishEvent(clients.sns, config.eventsTopicArn, {
      type: ImageEventType.DELETED,
      ...eventFields({ ...announced, version: announced.version }),
    });
  }
  logger.info(result.applied ? 'Image marked DELETED' : 'Image unchanged by this delete', {
    imageId,
    purged,
    previous: previous?.status,
    current: result.applied ? 'DELETED' : result.record?.status,
  });
  return result.applied ? 'deleted' : 'unchanged';
}

/** The record when a removal's mark did not apply because this same removal (its orderKey) made it earlier. */
function ownEarlierDelete(result: DeleteResult, orderKey: string): ImageRecord | undefined {
  const record = result.applied ? undefined : result.record;
  return record?.status === 'DELETED' && record.orderKey === orderKey && record.version ? record : undefined;
}

function deletedRecord(record: ImageRecord | undefined): ImageRecord | undefined {
  return record?.status === 'DELETED' ? record : undefined;
}

function liveRecord(record: ImageRecord | undefined): ImageRecord | undefined {
  return record && record.status !== 'DELETED' ? record : undefined;
}
