import { deleteKeys, getObjectVersion, listKeys, type ServiceDeps } from '@pipeline/aws';
import { type ImageRecord, type Rendition, renditionPrefix } from '@pipeline/domain';
import type { ImagesStore } from '@pipeline/store';
import { recordRenditionSet } from './record-rendition-set.js';
import { renderAtProfile } from './render-at-profile.js';
import { atProfile, DEFAULT_RENDITION_CONFIG, type RenditionConfig } from './rendition-config.js';
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
 * With an unchanged profile the keys are the same as before and the record is
 * left as it is; after a profile change the new set is recorded. Safe
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
  deps: ServiceDeps & { renditions?: RenditionConfig },
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
  const active = deps.renditions ?? DEFAULT_RENDITION_CONFIG;
  const encoded = await renderAtProfile(object.body, { config, renditions: active });
  const target = { imageId: record.imageId, version };
  const written = await writeRenditions(clients.s3, config.renditionsBucket, target, encoded);
  // The profile may have changed since the image was processed: record the set actually written.
  const recorded = atProfile(record, active.digest) || (await recordRenditionSet(deps, target, written));
  const after = await store.get(record.imageId);
  if (!recorded || !deliverable(after, version)) {
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
