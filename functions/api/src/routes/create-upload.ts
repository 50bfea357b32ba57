import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { recordPresignedRequest } from '@pipeline/aws';
import { UPLOAD_CONTENT_TYPES, uploadKey, uploadTypeFor } from '@pipeline/domain';
import { PRESIGN_TTL_SECONDS } from '../config.js';
import type { ApiDeps, ApiRequest, ApiResult } from '../deps.js';
import { TooLargeError, UnsupportedTypeError } from '../errors.js';
import { jsonBody, parseWith } from '../request.js';
import { json } from '../responses.js';
import { CreateUploadBody } from '../schemas.js';
import { admitUpload } from '../upload-limits.js';

/**
 * POST /uploads: a presigned POST for one new image under the caller's
 * prefix. S3 itself enforces what the policy pins: the exact key, the exact
 * Content-Type, 1..min(MAX_UPLOAD_BYTES, bytes left under the byte quota)
 * bytes, and {@link PRESIGN_TTL_SECONDS} of validity. The imageId is a UUID,
 * which the pipeline keeps as the id. Counts against the upload rate.
 *
 * @throws {UnsupportedTypeError} (415) for a type outside jpeg/png/webp/gif/avif/tiff/heic.
 * @throws {TooLargeError} (413) when `bytes` is over MAX_UPLOAD_BYTES.
 * @throws {RateLimitedError} (429) / {QuotaExceededError} (403): see `admitUpload`.
 */
export async function createUpload({ event, caller }: ApiRequest, deps: ApiDeps): Promise<ApiResult> {
  const body = parseWith(CreateUploadBody, jsonBody(event));
  const type = uploadTypeFor(body.contentType);
  if (!type) {
    throw new UnsupportedTypeError(
      `contentType: ${body.contentType} is not accepted; use one of ${Object.keys(UPLOAD_CONTENT_TYPES).join(', ')}`,
    );
  }
  const { maxUploadBytes, uploadsBucket } = deps.config;
  if (body.bytes > maxUploadBytes) {
    throw new TooLargeError(`bytes: ${body.bytes} is over the limit of ${maxUploadBytes} bytes`);
  }
  // An uploader may send more than it declared: S3 caps the object at what the quota leaves.
  const remainingBytes = await admitUpload(deps, caller.sub, body.bytes);
  const maxBytes = Math.min(maxUploadBytes, remainingBytes);
  const contentType = `image/${type.format}`;
  const imageId = deps.newId();
  const key = uploadKey(caller.sub, imageId, type.ext);
  const expiresAt = new Date(deps.now().getTime() + PRESIGN_TTL_SECONDS * 1000);
  const upload = await createPresignedPost(deps.clients.s3, {
    Bucket: uploadsBucket,
    Key: key,
    Conditions: [
      ['eq', '$key', key],
      ['eq', '$Content-Type', contentType],
      ['content-length-range', 1, maxBytes],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: PRESIGN_TTL_SECONDS,
  });
  // No AWS call here, but the uploader writes with our credentials: record it for the policy check.
  recordPresignedRequest('PresignedPost', {
    action: 's3:PutObject',
    resource: `arn:aws:s3:::${uploadsBucket}/${key}`,
  });
  deps.logger.info('Upload URL issued', { imageId, key, filename: body.filename, bytes: body.bytes });
  return json(201, { imageId, key, upload: { url: upload.url, fields: upload.fields }, expiresAt });
}
