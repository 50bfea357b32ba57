import type { ServiceDeps } from '@pipeline/aws';
import { UnknownImageError } from '@pipeline/domain';
import type { ImagesStore } from '@pipeline/store';
import { ImageNotEditableError } from './errors.js';
import { FIELD_FOR_TYPE, type MetadataUpdate } from './metadata-message.js';

/** What the metadata service receives: the pipeline's clients and config, and the images store. */
export type MetadataDeps = ServiceDeps & { store: ImagesStore };

/**
 * Applies one metadata update to its image's record: Caption sets `caption`,
 * Date sets `takenAt`, Name sets `photographer` (`null` clears the field).
 * One conditional write, so a DELETED image is never edited and no other
 * image is touched; applying the same update again leaves the same record.
 *
 * @returns what was applied.
 * @throws {UnknownImageError | ImageNotEditableError} (permanent) for a missing or DELETED image.
 * @throws AWS SDK errors (transient) so the message is retried.
 */
export async function applyMetadata(update: MetadataUpdate, deps: MetadataDeps): Promise<MetadataUpdate> {
  const result = await deps.store.updateDetailsOfAnyOwner(update.imageId, { [update.field]: update.value });
  if (!result.applied) {
    if (!result.record) throw new UnknownImageError(update.imageId);
    throw new ImageNotEditableError(update.imageId, result.record.status);
  }
  deps.logger.info('Image metadata updated', {
    imageId: update.imageId,
    metadataType: metadataTypeFor(update.field),
    field: update.field,
    cleared: update.value === null,
  });
  return update;
}

/** The `metadata_type` that names `field` (the parse step accepted only those). */
function metadataTypeFor(field: MetadataUpdate['field']): string | undefined {
  return Object.entries(FIELD_FOR_TYPE).find(([, value]) => value === field)?.[0];
}
