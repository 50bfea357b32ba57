import { deleteKeys, getObjectVersion, objectExists, type ServiceDeps } from '@pipeline/aws';
import type { ImageRecord } from '@pipeline/domain';
import {
  announceRejection,
  eventFields,
  type ImageAccepted,
  ImageEventType,
  oneAtATimePerKey,
  publishEvent,
  rejectionOf,
  renditionsForEvent,
} from '@pipeline/events';
import { InvalidImageError, type makeRenditions } from '@pipeline/imaging';
import type { ImagesStore } from '@pipeline/store';
import { describeImage, indexNearDuplicates } from './image-traits.js';
import { purgeSupersededRenditions, removeStaleVersionRenditions } from './purge-superseded.js';
import { renderAtProfile } from './render-at-profile.js';
import type { RenditionConfig } from './rendition-config.js';
import { deliverable, renditionsMissing, rerenderImage, takeBack } from './rerender-image.js';
import { writeRenditions } from './write-renditions.js';

/** What resize did with one image.accepted event. */
export type ResizeOutcome =
  | 'processed'
  /** Another delivery already processed this version. */
  | 'duplicate'
  /** Corrupt past the probe: REJECTED, upload deleted, image.rejected published. */
  | 'rejected'
  /** Deleted or replaced while resizing: the renditions just written were removed. */
  | 'superseded'
  /** Nothing to do: unknown image, another version, or no longer ACCEPTED. */
  | 'skipped'
  /** The upload is gone or was replaced before we read it. */
  | 'gone'
  /** PROCESSED, approved again after a moderator's rejection: the missing renditions were rendered again. */
  | 'rerendered';

/** What the resize service receives: the pipeline's clients and config, the images store, the active profile (default: the default profile). */
export type ResizeDeps = ServiceDeps & { store: ImagesStore; renditions?: RenditionConfig };

/** Copies of one image.accepted in a batch run one after another (see oneAtATimePerKey). */
const perImage = oneAtATimePerKey();

/**
 * Makes and stores the renditions of an accepted image, then moves it to
 * PROCESSED, publishes image.processed and removes the renditions of the
 * versions it replaced (an overwrite of the same key). Safe to run twice and
 * safe to race a delete: when PROCESSED does not apply because the image was
 * deleted or replaced meanwhile, the renditions it wrote are removed again.
 *
 * @throws AWS SDK errors (transient) so the message is retried.
 */
export function resizeImage(event: ImageAccepted, deps: ResizeDeps): Promise<ResizeOutcome> {
  return perImage(`${event.imageId}#${event.version}`, () => resizeOnce(event, deps));
}

async function resizeOnce(event: ImageAccepted, deps: ResizeDeps): Promise<ResizeOutcome> {
  const { clients, config, logger, store } = deps;
  const { imageId, version } = event;
  const log = { imageId, version };

  const record = await store.get(imageId);
  if (record?.status === 'REJECTED' && record.version === version) return finishRejection(record, deps);
  if (deliverable(record, version) && record && (await renditionsMissing(deps, record, version))) {
    // Approved after a rejection took the renditions down (see @pipeline/delivery restoreImage).
    return rerenderImage(deps, store, record, version);
  }
  if (record?.status === 'PROCESSED' && record.version === version) {
    // A redelivery, or the retry of a run that failed after PROCESSED (maybe before its publish):
    // announce again (the mailer drops repeats of type + image + version), index it and finish the purge.
    await announceProcessed(record, version, deps);
    await indexNearDuplicates(deps, record, record.perceptualHashes);
    await purgeSupersededRenditions(deps, store, { imageId, version });
    logger.info('Image is already PROCESSED at this version; announced it again', log);
    return 'duplicate';
  }
  if (record?.status !== 'ACCEPTED' || record.version !== version) {
    logger.info('Image is not ACCEPTED at this version; nothing to do', { ...log, status: record?.status });
    // Replaced meanwhile: a failed earlier attempt of this version may have left renditions behind.
    if (record && record.version !== version) await removeStaleVersionRenditions(deps, { imageId, version });
    return 'skipped';
  }

  const object = await getObjectVersion(clients.s3, { bucket: record.bucket, key: record.key, version });
  if (!object) {
    logger.info('Upload is gone or replaced; nothing to do', log);
    return 'gone';
  }

  let encoded: Awaited<ReturnType<typeof makeRenditions>>;
  try {
    encoded = await renderAtProfile(object.body, deps);
  } catch (error) {
    if (!(error instanceof InvalidImageError)) throw error;
    const mark = await store.markRejected(imageId, version, { reason: error.reason, message: error.message });
    if (!mark.applied) return 'skipped';
    return finishRejection(mark.record, deps);
  }

  const renditions = await writeRenditions(
    clients.s3,
    config.renditionsBucket,
    { imageId, version },
    encoded,
  );
  const traits = await describeImage(encoded);
  const mark = await store.markProcessed(imageId, version, renditions, traits);
  if (mark.applied) {
    await indexNearDuplicates(deps, record, traits.perceptualHashes);
    await announceProcessed({ ...mark.record, renditions }, version, deps);
    // Rejected by a moderator while we rendered: the rejection's purge may have missed what we wrote.
    if (mark.record.review?.decision === 'REJECTED') await takeBack(deps, renditions);
    logger.info('Image processed', { ...log, renditions: renditions.length });
    await purgeSupersededRenditions(deps, store, { imageId, version });
    return 'processed';
  }
  if (mark.record?.status === 'PROCESSED' && mark.record.version === version) {
    // The other delivery may yet fail before its publish: announcing twice is harmless.
    logger.info('Another delivery processed this version first', log);
    await announceProcessed(mark.record, version, deps);
    await purgeSupersededRenditions(deps, store, { imageId, version });
    return 'duplicate';
  }
  // Deleted or replaced while we worked: take back what we wrote (keys are per version, so only ours).
  await deleteKeys(
    clients.s3,
    config.renditionsBucket,
    renditions.map((r) => r.key),
  );
  logger.info('Image changed while resizing; removed the renditions just written', {
    ...log,
    status: mark.record?.status,
    current: mark.record?.version,
  });
  return 'superseded';
}

/** Publishes image.processed for `record` at `version`, with the renditions the record holds. */
async function announceProcessed(record: ImageRecord, version: string, deps: ServiceDeps): Promise<void> {
  await publishEvent(deps.clients.sns, deps.config.eventsTopicArn, {
    type: ImageEventType.PROCESSED,
    ...eventFields({ ...record, version }),
    renditions: renditionsForEvent(record.renditions ?? []),
  });
}

/**
 * Announces a rejection and removes the upload. Runs after markRejected, and
 * again on a retry that finds the record REJECTED with the upload still there
 * (the previous attempt stopped before the delete).
 */
async function finishRejection(record: ImageRecord, deps: ServiceDeps): Promise<ResizeOutcome> {
  const version = record.version ?? '';
  const subject = { ...record, version };
  if (!(await objectExists(deps.clients.s3, subject))) return 'skipped';
  const rejection = rejectionOf(record, 'The image could not be decoded');
  await announceRejection(subject, rejection, deps);
  deps.logger.info('Image rejected while resizing', {
    imageId: record.imageId,
    version,
    reason: rejection.reason,
  });
  return 'rejected';
}
