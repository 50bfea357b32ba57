import { ImageStatus } from '@pipeline/domain';
import { findVisibleImage } from '../access.js';
import type { ApiDeps, ApiRequest, ApiResult } from '../deps.js';
import { ImageNotReadyError } from '../errors.js';
import { renditionUrl } from '../image-view.js';
import { header, imageIdParam } from '../request.js';
import { redirectOrUrl } from '../responses.js';

/**
 * GET /images/{id}/thumbnail: 302 to the thumb JPEG rendition (owner or
 * moderator); with `Accept: application/json`, 200 `{ url }` instead.
 *
 * @throws {ImageNotFoundError} (404) for a missing image or another user's.
 * @throws {ImageNotReadyError} (404) until the image is PROCESSED.
 */
export async function getThumbnail({ event, caller }: ApiRequest, deps: ApiDeps): Promise<ApiResult> {
  const imageId = imageIdParam(event);
  const record = await findVisibleImage(deps, caller, imageId);
  const thumb = record.renditions.find((r) => r.name === 'thumb' && r.format === 'jpeg');
  if (record.status !== ImageStatus.PROCESSED || !thumb) throw new ImageNotReadyError(imageId, record.status);
  // Rendition keys are versioned and immutable, but the image may be deleted: cache the redirect briefly.
  return redirectOrUrl(header(event, 'accept'), renditionUrl(deps.config.renditionsBaseUrl, thumb.key), {
    cacheControl: 'private, max-age=60',
  });
}
