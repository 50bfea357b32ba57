import { deleteKeys, listKeys, type ServiceDeps } from '@pipeline/aws';
import { renditionPrefix } from '@pipeline/domain';
import type { ImagesStore } from '@pipeline/store';

/**
 * Removes the renditions of every other version of an image once `version`
 * is PROCESSED. Overwriting an upload's key makes a new version (a new eTag)
 * of the same image, and S3 sends no ObjectRemoved event for an overwrite, so
 * nothing else would ever delete the old version's renditions.
 *
 * Keys are listed first and the record re-read after: only while it is still
 * PROCESSED at `version` are the listed keys of other versions deleted. A
 * newer upload writes its renditions only after replacing the record (ingest,
 * then resize), so none of them can be in a listing taken while this version
 * still owned the record. A late resize of an older version removes its own
 * renditions when its PROCESSED does not apply (see `resizeImage`).
 *
 * Safe to repeat: a redelivered or retried image.accepted for a PROCESSED
 * version runs it again, which finishes a purge that failed half-way.
 *
 * @returns how many objects were deleted.
 * @throws AWS SDK errors (transient), so the message is retried.
 */
export async function purgeSupersededRenditions(
  deps: ServiceDeps,
  store: ImagesStore,
  target: { imageId: string; version: string },
): Promise<number> {
  const { clients, config, logger } = deps;
  const { imageId, version } = target;
  const current = renditionPrefix(imageId, version);
  const stale = (await listKeys(clients.s3, config.renditionsBucket, renditionPrefix(imageId))).filter(
    (key) => !key.startsWith(current),
  );
  if (stale.length === 0) return 0;
  const record = await store.get(imageId);
  if (record?.status !== 'PROCESSED' || record.version !== version) {
    logger.info('A newer upload owns the image; leaving older renditions to it', {
      imageId,
      version,
      current: record?.version,
    });
    return 0;
  }
  const deleted = await deleteKeys(clients.s3, config.renditionsBucket, stale);
  logger.info('Removed the renditions of superseded versions', { imageId, version, deleted });
  return deleted;
}

/**
 * Removes what an earlier attempt for `version` may have written when the
 * record has moved to another version: that attempt wrote its renditions,
 * then failed before (or while) recording them, and its retry finds the image
 * replaced. The replacing version's purge may have run before those writes,
 * so nothing else would ever delete them. Keys are per version, so only this
 * version's objects go; a LIST when there is nothing (the usual case).
 *
 * @returns how many objects were deleted.
 * @throws AWS SDK errors (transient), so the message is retried.
 */
export async function removeStaleVersionRenditions(
  deps: ServiceDeps,
  target: { imageId: string; version: string },
): Promise<number> {
  const { clients, config, logger } = deps;
  const keys = await listKeys(
    clients.s3,
    config.renditionsBucket,
    renditionPrefix(target.imageId, target.version),
  );
  if (keys.length === 0) return 0;
  const deleted = await deleteKeys(clients.s3, config.renditionsBucket, keys);
  logger.info('Removed the renditions an earlier attempt wrote for a replaced version', {
    ...target,
    deleted,
  });
  return deleted;
}
