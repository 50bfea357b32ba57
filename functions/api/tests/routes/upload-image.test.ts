import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handleRequest } from '../../src/handle-request.js';
import { ALICE, apiDeps, apiEvent, bodyOf, errorOf, NEW_ID } from '../helpers.js';
import { mockUsageTable } from '../table-mocks.js';

mockUsageTable();

const s3Mock = mockClient(S3Client);
const route = 'POST /images';
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function upload(bytes: Buffer, contentType?: string) {
  return apiEvent(route, {
    body: bytes.toString('base64'),
    isBase64Encoded: true,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  });
}

beforeEach(() => {
  s3Mock.reset();
  s3Mock.on(PutObjectCommand).resolves({ ETag: '"e"' });
});

describe('POST /images', () => {
  it("stores the decoded bytes under the caller's prefix and answers 202 UPLOADED", async () => {
    const result = await handleRequest(upload(png, 'image/png'), apiDeps());

    expect(result.statusCode).toBe(202);
    const key = `uploads/${ALICE}/${NEW_ID}.png`;
    expect(bodyOf(result)).toEqual({ imageId: NEW_ID, key, status: 'UPLOADED' });
    const input = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ Bucket: 'uploads', Key: key, ContentType: 'image/png' });
    expect(Buffer.from(input?.Body as Uint8Array)).toEqual(png);
  });

  it('accepts a Content-Type with parameters', async () => {
    const result = await handleRequest(upload(png, 'image/jpeg; charset=binary'), apiDeps());
    expect(result.statusCode).toBe(202);
    expect(s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.Key).toMatch(/\.jpg$/);
  });

  it('answers 415 for a type the pipeline never accepts, or none', async () => {
    for (const type of ['text/plain', 'image/bmp', undefined]) {
      const event = upload(png, type);
      if (type === undefined) delete event.headers['content-type'];
      expect(errorOf(await handleRequest(event, apiDeps()))).toEqual({
        status: 415,
        code: 'Image::UnsupportedType',
      });
    }
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('answers 413 over MAX_DIRECT_UPLOAD_BYTES without storing anything', async () => {
    const result = await handleRequest(upload(Buffer.alloc(1001, 1), 'image/png'), apiDeps());
    expect(errorOf(result)).toEqual({ status: 413, code: 'Image::TooLarge' });
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('answers 400 for an empty body', async () => {
    const result = await handleRequest(
      apiEvent(route, { headers: { 'content-type': 'image/png' } }),
      apiDeps(),
    );
    expect(errorOf(result)).toEqual({ status: 400, code: 'Request::Malformed' });
    expect(bodyOf(result).error.message).toMatch(/^body: /);
  });

  it('answers 500 without details when S3 fails, and logs the error', async () => {
    s3Mock.on(PutObjectCommand).rejects(
      new S3ServiceException({
        name: 'SlowDown',
        $fault: 'server',
        $metadata: {},
        message: 'secret detail',
      }),
    );
    const deps = apiDeps();
    const result = await handleRequest(upload(png, 'image/png'), deps);

    expect(result.statusCode).toBe(500);
    expect(bodyOf(result)).toEqual({ error: { code: 'Internal::Error', message: 'Internal error' } });
    expect(result.body).not.toContain('secret');
    expect(deps.logger.error).toHaveBeenCalledOnce();
  });
});
