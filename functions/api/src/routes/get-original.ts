import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ImageStatus } from '@pipeline/domain';
import { findVisibleImage } from '../access.js';
import { PRESIGN_TTL_SECONDS } from '../config.js';
import type { ApiDeps, ApiRequest, ApiResult } from '../deps.js';
import { ImageNotFoundError } from '../errors.js';
import { header, imageIdParam } from '../request.js';
import { redirectOrUrl } from '../responses.js';

/**
 * GET /images/{id}/original: 302 to a presigned GET of the original, valid
 * {@link PRESIGN_TTL_SECONDS} s, for the owner or a moderator; with
 * `Accept: application/json`, 200 `{ url, expiresAt }` instead.
 *
 * @throws {ImageNotFoundError} (404) for a missing image, another user's, or one
 *   whose original is gone (DELETED, or REJECTED and removed by the pipeline).
 */
export async function getOriginal({ event, caller }: ApiRequest, deps: ApiDeps): Promise<ApiResult> {
  const imageId = imageIdParam(event);
  const record = await findVisibleImage(deps, caller, imageId);
  if (record.status === ImageStatus.DELETED || record.status === ImageStatus.REJECTED) {
    throw new ImageNotFoundError(imageId, `the original is gone (${record.status})`);
  }
  const url = await getSignedUrl(
    deps.clients.s3,
    new GetObjectCommand({ Bucket: deps.config.uploadsBucket, Key: record.key }),
    { expiresIn: PRESIGN_TTL_SECONDS },
  );
  const expiresAt = new Date(deps.now().getTime() + PRESIGN_TTL_SECONDS * 1000).toISOString();
  return redirectOrUrl(header(event, 'accept'), url, { extra: { expiresAt } });
}
