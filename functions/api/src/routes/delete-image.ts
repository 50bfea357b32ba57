import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { ImageStatus } from '@pipeline/domain';
import { findOwnImage } from '../access.js';
import type { ApiDeps, ApiRequest, ApiResult } from '../deps.js';
import { imageIdParam } from '../request.js';
import { json } from '../responses.js';

/**
 * DELETE /images/{id} (owner only): removes the original; S3's ObjectRemoved
 * event then cascades through the delete function (renditions removed, record
 * DELETED), hence 202 `DELETING`. Idempotent: an image already DELETED
 * answers 202 `DELETED`. A REJECTED image has no original left and the delete
 * function keeps REJECTED records on ObjectRemoved, so it is marked DELETED
 * here (only that upload's version) and answers `DELETED`.
 *
 * @throws {ImageNotFoundError} (404) for a missing image or another user's.
 */
export async function deleteImage({ event, caller }: ApiRequest, deps: ApiDeps): Promise<ApiResult> {
  const imageId = imageIdParam(event);
  const record = await findOwnImage(deps, caller, imageId);
  if (record.status === ImageStatus.DELETED) return json(202, { imageId, status: ImageStatus.DELETED });

  if (record.status === ImageStatus.REJECTED && record.version) {
    await deps.store.markDeleted(imageId, {
      orderKey: record.orderKey,
      version: record.version,
      key: record.key,
    });
  }
  await deps.clients.s3.send(new DeleteObjectCommand({ Bucket: deps.config.uploadsBucket, Key: record.key }));
  deps.logger.info('Image delete requested', { imageId, key: record.key, status: record.status });
  const status = record.status === ImageStatus.REJECTED ? ImageStatus.DELETED : 'DELETING';
  return json(202, { imageId, status });
}
