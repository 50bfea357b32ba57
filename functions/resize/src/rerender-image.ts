import { deleteKeys, getObjectVersion, listKeys, type ServiceDeps } from '@pipeline/aws';
import { type ImageRecord, type Rendition, renditionPrefix } from '@pipeline/domain';
import { makeRenditions } from '@pipeline/imaging';
import type { ImagesStore } from '@pipeline/store';
import { writeRenditions } from './write-renditions.js';

/** Whether a PROCESSED image is missing renditions of its version that its record lists. */
export async function renditionsMissing(
  deps: ServiceDeps,
  record: ImageRecord,
  version: string,
): Promise<boolean> {
  const expected = record.renditions?.length ?? 0;
  if (expected === 0) return false;
  const stored = await listKeys(
    deps.clients.s3,
    deps.config.renditionsBucket,
    renditionPrefix(record.imageId, version),
  );
  return stored.length < expected;
}

/**
 * Renders a PROCESSED image's renditions again from its original, after a
 * moderator's rejection removed them and an approval asked for them back
 * (`image.accepted` published again, see @pipeline/delivery restoreImage).
 * The keys are the same as before, so the record is left as it is. Safe
 * against a rejection racing it: once written, the record is read again, and
 * if the image is no longer PROCESSED at this version, or rejected again, the
 * renditions just written are removed (the rejection's purge may have run
 * before they existed).
 *
 * @returns 'rerendered', or 'superseded' when it took its renditions back, or 'gone'.
 * @throws AWS SDK errors (transient); an image that no longer decodes is not expected here
 *   (it decoded when it was processed), so its error is rethrown and the message retried.
 */
export async function rerenderImage(
  deps: ServiceDeps,
  store: ImagesStore,
  record: ImageRecord,
  version: string,
): Promise<'rerendered' | 'superseded' | 'gone'> {
  const { clients, config, logger } = deps;
  const log = { imageId: record.imageId, version };
  const object = await getObjectVersion(clients.s3, { bucket: record.bucket, key: record.key, version });
  if (!object) {
    logger.info('Original is gone; cannot render again', log);
    return 'gone';
  }
  const encoded = await makeRenditions(object.body, { maxPixels: config.maxInputPixels });
  const written = await writeRenditions(
    clients.s3,
    config.renditionsBucket,
    { imageId: record.imageId, version },
    encoded,
  );
  const after = await store.get(record.imageId);
  if (!deliverable(after, version)) {
    await takeBack(deps, written);
    logger.info('Image changed while rendering again; removed the renditions just written', log);
    return 'superseded';
  }
  logger.info('Renditions rendered again after an approval', { ...log, renditions: written.length });
  return 'rerendered';
}

/** PROCESSED at `version` and not rejected by a moderator: its renditions may be served. */
export function deliverable(record: ImageRecord | undefined, version: string): boolean {
  return (
    record?.status === 'PROCESSED' && record.version === version && record.review?.decision !== 'REJECTED'
  );
}

/** Removes renditions this run wrote (keys are per version, so only ours). */
export async function takeBack(deps: ServiceDeps, renditions: readonly Rendition[]): Promise<void> {
  await deleteKeys(
    deps.clients.s3,
    deps.config.renditionsBucket,
    renditions.map((r) => r.key),
  );
}
