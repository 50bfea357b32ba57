import type { ServiceDeps } from '@pipeline/aws';
import { UnknownImageError } from '@pipeline/domain';
import { ImagesStore } from '@pipeline/store';
import { ImageNotEditableError } from './errors.js';
import { type MetadataUpdate, parseMetadataMessage } from './metadata-message.js';

/** A queue message as the metadata function needs it: the body and the `metadata_type` attribute. */
export interface MetadataMessage {
  body: string;
  metadataType: string | undefined;
}

/**
 * Applies one metadata message to its image's record: Caption sets `caption`,
 * Date sets `takenAt`, Name sets `photographer` (`null` clears the field).
 * One conditional write, so a DELETED image is never edited and no other
 * image is touched; applying the same message again leaves the same record.
 *
 * @returns what was applied.
 * @throws {UnexpectedMessageError | MalformedMessageError} (permanent) for an unknown type or invalid body.
 * @throws {UnknownImageError | ImageNotEditableError} (permanent) for a missing or DELETED image.
 * @throws AWS SDK errors (transient) so the message is retried.
 */
export async function applyMetadataMessage(
  message: MetadataMessage,
  deps: ServiceDeps,
): Promise<MetadataUpdate> {
  const update = parseMetadataMessage(message.body, message.metadataType);
  const store = new ImagesStore(deps.clients.dynamo, deps.config.imagesTable);
  const result = await store.updateDetailsOfAnyOwner(update.imageId, { [update.field]: update.value });
  if (!result.applied) {
    if (!result.record) throw new UnknownImageError(update.imageId);
    throw new ImageNotEditableError(update.imageId, result.record.status);
  }
  deps.logger.info('Image metadata updated', {
    imageId: update.imageId,
    metadataType: message.metadataType,
    field: update.field,
    cleared: update.value === null,
  });
  return update;
}
