import type { ImageRecord } from '@pipeline/domain';
import type { Caller } from './caller.js';
import type { ApiDeps } from './deps.js';
import { ImageNotFoundError } from './errors.js';

/**
 * The image when the caller may see it (its owner, or a moderator). Anyone
 * else gets exactly the answer a missing image gets, so ids cannot be probed.
 *
 * @throws {ImageNotFoundError}
 */
export async function findVisibleImage(deps: ApiDeps, caller: Caller, imageId: string): Promise<ImageRecord> {
  const record = await deps.store.get(imageId);
  if (!record || (record.owner !== caller.sub && !caller.isModerator)) throw new ImageNotFoundError(imageId);
  return record;
}

/**
 * The image when the caller owns it; moderators included, nobody acts on
 * another user's image through an owner-only route.
 *
 * @throws {ImageNotFoundError}
 */
export async function findOwnImage(deps: ApiDeps, caller: Caller, imageId: string): Promise<ImageRecord> {
  const record = await deps.store.get(imageId);
  if (!record || record.owner !== caller.sub) throw new ImageNotFoundError(imageId);
  return record;
}
