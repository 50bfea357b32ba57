import { nearDuplicatesTableOf, type ServiceDeps } from '@pipeline/aws';
import type { ImageRecord } from '@pipeline/domain';
import { NearDuplicateIndex } from '@pipeline/store';

/**
 * Takes a DELETED image off its owner's near-duplicate index, so later
 * uploads are not compared with it. `gone` is the record as it was before the
 * delete, or as it is now when this is the retry of a delete whose mark
 * applied earlier (a DELETED record keeps its hashes): removing twice is
 * harmless. Never touches a live record (a newer upload of the same key).
 */
export async function unindexImage(deps: ServiceDeps, gone: ImageRecord | undefined): Promise<void> {
  if (!gone?.owner || !gone.perceptualHashes) return;
  const index = new NearDuplicateIndex(deps.clients.dynamo, nearDuplicatesTableOf(deps.config));
  await index.remove(gone.owner, gone.imageId, gone.perceptualHashes);
}
