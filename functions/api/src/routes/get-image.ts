import { findVisibleImage } from '../access.js';
import type { ApiDeps, ApiRequest, ApiResult } from '../deps.js';
import { findDuplicateOf } from '../duplicate-lookup.js';
import { toImageView } from '../image-view.js';
import { imageIdParam } from '../request.js';
import { json } from '../responses.js';

/**
 * GET /images/{id}: the ImageView, for its owner or a moderator, with
 * `duplicateOf` (the only route that pays for the near-duplicate lookup).
 *
 * @throws {ImageNotFoundError} (404) for a missing image or another user's.
 */
export async function getImage({ event, caller }: ApiRequest, deps: ApiDeps): Promise<ApiResult> {
  const record = await findVisibleImage(deps, caller, imageIdParam(event));
  const duplicateOf = await findDuplicateOf(deps, record);
  return json(200, { ...toImageView(record, deps.config.renditionsBaseUrl), duplicateOf });
}
