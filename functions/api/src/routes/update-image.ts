import type { ApiDeps, ApiRequest, ApiResult } from '../deps.js';
import { ImageConflictError, ImageNotFoundError } from '../errors.js';
import { toImageView } from '../image-view.js';
import { imageIdParam, jsonBody, parseWith } from '../request.js';
import { json } from '../responses.js';
import { UpdateImageBody } from '../schemas.js';

/**
 * PATCH /images/{id}: the owner edits caption, takenAt, photographer (`null`
 * clears one). One conditional write: the image must exist, be the caller's
 * and not be DELETED.
 *
 * @throws {MalformedRequestError} (400) naming the invalid field.
 * @throws {ImageNotFoundError} (404) for a missing image or another user's.
 * @throws {ImageConflictError} (409) for a DELETED image.
 */
export async function updateImage({ event, caller }: ApiRequest, deps: ApiDeps): Promise<ApiResult> {
  const imageId = imageIdParam(event);
  const details = parseWith(UpdateImageBody, jsonBody(event));
  const result = await deps.store.updateDetails(imageId, caller.sub, details);
  if (result.applied) return json(200, toImageView(result.record, deps.config.renditionsBaseUrl));
  if (!result.record || result.record.owner !== caller.sub) throw new ImageNotFoundError(imageId);
  throw new ImageConflictError(`Image ${imageId} is ${result.record.status}; it can no longer be edited`);
}
