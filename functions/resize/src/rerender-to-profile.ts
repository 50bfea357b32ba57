import { deleteKeys, getObjectVersion, listKeys, type ServiceDeps } from '@pipeline/aws';
import { type Rendition, renditionPrefix } from '@pipeline/domain';
import type { RerenderRequest } from '@pipeline/events';
import type { ImagesStore } from '@pipeline/store';
import { recordRenditionSet } from './record-rendition-set.js';
import { renderAtProfile } from './render-at-profile.js';
import { atProfile, type RenditionConfig } from './rendition-config.js';
import { deliverable, takeBack } from './rerender-image.js';
import { writeRenditions } from './write-renditions.js';

/** What resize did with one image.rerender_requested. */
export type RerenderOutcome =
  /** The new set is written and recorded; renditions outside it were removed. */
  | 'rerendered'
  /** Already at the active profile: nothing written (a second `make rerender` is a no-op). */
  | 'unchanged'
  /** Not PROCESSED at this version (DELETED, REJECTED, replaced) or taken down by a moderator: left alone. */
  | 'skipped'
  /** The original is gone. */
  | 'gone'
  /** Deleted, replaced or rejected while rendering: what was written was removed again. */
  | 'superseded';

/** What the re-render needs: the pipeline's deps, the images store and the active profile. */
export type RerenderDeps = ServiceDeps & { store: ImagesStore; renditions: RenditionConfig };

/**
 * Brings one PROCESSED image to the active rendition profile: renders the
 * profile's set from the original, writes it, records it (only while the
 * image is still PROCESSED at this version), then removes the renditions of
 * this version that are not in the new set. Idempotent: an image whose
 * renditions already carry the profile's digest is left as it is. DELETED
 * and REJECTED images, other versions and images a moderator rejected are
 * never touched.
 *
 * @throws AWS SDK errors (transient), so the message is retried.
 */
export async function rerenderToProfile(
  request: RerenderRequest,
  deps: RerenderDeps,
): Promise<RerenderOutcome> {
  const { clients, config, logger, store, renditions: active } = deps;
  const { imageId, version } = request;
  const log = { imageId, version, profile: active.digest };

  const record = await store.get(imageId);
  if (!record || !deliverable(record, version)) {
    logger.info('Not a live PROCESSED image at this version; no re-render', {
      ...log,
      status: record?.status,
    });
    return 'skipped';
  }
  if (atProfile(record, active.digest)) {
    logger.info('Renditions already at the active profile', log);
    return 'unchanged';
  }
  const object = await getObjectVersion(clients.s3, { bucket: record.bucket, key: record.key, version });
  if (!object) {
    logger.info('Original is gone; cannot re-render', log);
    return 'gone';
  }
  const encoded = await renderAtProfile(object.body, { config, renditions: active });
  const target = { imageId, version };
  const written = await writeRenditions(clients.s3, config.renditionsBucket, target, encoded);
  const recorded = await recordRenditionSet(deps, target, written);
  // Re-read after recording: a moderator's rejection or a delete that ran meanwhile may have purged before we wrote.
  if (!recorded || !deliverable(await store.get(imageId), version)) {
    await takeBack(deps, written);
    logger.info('Image changed while re-rendering; removed the renditions just written', log);
    return 'superseded';
  }
  const removed = await removeOutsideSet(deps, target, written);
  logger.info('Re-rendered to the active profile', { ...log, renditions: written.length, removed });
  return 'rerendered';
}

/** Deletes this version's rendition objects whose keys are not in `kept` (sizes or formats the profile dropped). */
async function removeOutsideSet(
  deps: ServiceDeps,
  target: { imageId: string; version: string },
  kept: readonly Rendition[],
): Promise<number> {
  const keep = new Set(kept.map((r) => r.key));
  const { s3 } = deps.clients;
  const listed = await listKeys(
    s3,
    deps.config.renditionsBucket,
    renditionPrefix(target.imageId, target.version),
  );
  const stale = listed.filter((key) => !keep.has(key));
  return stale.length === 0 ? 0 : deleteKeys(s3, deps.config.renditionsBucket, stale);
}
