import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ImageStatus, UPLOAD_CONTENT_TYPES, uploadKey, uploadTypeFor } from '@pipeline/domain';
import type { ApiDeps, ApiRequest, ApiResult } from '../deps.js';
import { MalformedRequestError, TooLargeError, UnsupportedTypeError } from '../errors.js';
import { bodyBytes, header } from '../request.js';
import { json } from '../responses.js';
import { admitUpload } from '../upload-limits.js';

/**
 * POST /images: the image bytes in the body (base64 when API Gateway says
 * so), stored under the caller's prefix; the pipeline takes it from there
 * (the S3 event triggers ingest), hence 202.
 *
 * @throws {UnsupportedTypeError} (415) for a Content-Type header the pipeline never accepts.
 * @throws {TooLargeError} (413) over MAX_DIRECT_UPLOAD_BYTES.
 * @throws {MalformedRequestError} (400) for an empty body.
 * @throws {RateLimitedError} (429) / {QuotaExceededError} (403): see `admitUpload`.
 */
export async function uploadImage({ event, caller }: ApiRequest, deps: ApiDeps): Promise<ApiResult> {
  const declared = header(event, 'content-type');
  const type = uploadTypeFor(declared);
  if (!type) {
    throw new UnsupportedTypeError(
      `Content-Type: ${declared ?? '(none)'} is not accepted; use one of ${Object.keys(UPLOAD_CONTENT_TYPES).join(', ')}`,
    );
  }
  const bytes = bodyBytes(event);
  if (bytes.byteLength === 0) throw new MalformedRequestError('body: the image bytes are required');
  const limit = deps.config.maxDirectUploadBytes;
  if (bytes.byteLength > limit) {
    throw new TooLargeError(
      `body: ${bytes.byteLength} bytes is over the direct upload limit of ${limit} bytes; use POST /uploads`,
    );
  }
  await admitUpload(deps, caller.sub, bytes.byteLength);
  const imageId = deps.newId();
  const key = uploadKey(caller.sub, imageId, type.ext);
  await deps.clients.s3.send(
    new PutObjectCommand({
      Bucket: deps.config.uploadsBucket,
      Key: key,
      Body: bytes,
      ContentType: `image/${type.format}`,
    }),
  );
  deps.logger.info('Image uploaded directly', { imageId, key, bytes: bytes.byteLength });
  return json(202, { imageId, key, status: ImageStatus.UPLOADED });
}
