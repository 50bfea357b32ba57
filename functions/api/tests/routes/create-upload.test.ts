import { S3Client } from '@aws-sdk/client-s3';
import { parseUploadKey } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleRequest } from '../../src/handle-request.js';
import { ALICE, apiDeps, apiEvent, bodyOf, errorOf, NEW_ID, NOW } from '../helpers.js';
import { mockUsageTable } from '../table-mocks.js';

mockUsageTable();

const s3Mock = mockClient(S3Client);
const route = 'POST /uploads';

function decodePolicy(fields: Record<string, string>) {
  return JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8'));
}

beforeEach(() => {
  s3Mock.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('POST /uploads: the presigned POST', () => {
  it('answers 201 with a presigned POST whose policy pins key, Content-Type, size and expiry', async () => {
    const deps = apiDeps();
    const result = await handleRequest(
      apiEvent(route, { json: { filename: 'cat.jpg', contentType: 'image/jpeg', bytes: 2048 } }),
      deps,
    );

    expect(result.statusCode).toBe(201);
    const body = bodyOf(result);
    const key = `uploads/${ALICE}/${NEW_ID}.jpg`;
    expect(body).toMatchObject({ imageId: NEW_ID, key, expiresAt: '2024-05-06T07:13:09.000Z' });
    expect(body.upload.url).toMatch(/^https:\/\/uploads\.s3\.us-east-1\.amazonaws\.com\/?$/);
    expect(body.upload.fields).toMatchObject({ key, 'Content-Type': 'image/jpeg', bucket: 'uploads' });

    const policy = decodePolicy(body.upload.fields);
    expect(policy.expiration).toBe('2024-05-06T07:13:09Z');
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$key', key],
        ['eq', '$Content-Type', 'image/jpeg'],
        ['content-length-range', 1, 52_428_800],
        { bucket: 'uploads' },
      ]),
    );
    expect(s3Mock.calls()).toHaveLength(0);
  });

  it('makes a key the pipeline reads back with the same owner and imageId', async () => {
    const result = await handleRequest(
      apiEvent(route, { json: { filename: 'a.png', contentType: 'image/png', bytes: 1 } }),
      apiDeps(),
    );
    expect(parseUploadKey(bodyOf(result).key)).toEqual({ owner: ALICE, imageId: NEW_ID });
  });

  it('normalises the declared type and picks the extension from it, not from the filename', async () => {
    const result = await handleRequest(
      apiEvent(route, { json: { filename: 'photo.jpg', contentType: 'Image/WEBP', bytes: 10 } }),
      apiDeps(),
    );
    const body = bodyOf(result);
    expect(body.key).toBe(`uploads/${ALICE}/${NEW_ID}.webp`);
    expect(body.upload.fields['Content-Type']).toBe('image/webp');
    expect(decodePolicy(body.upload.fields).conditions).toContainEqual(['eq', '$Content-Type', 'image/webp']);
  });
});

describe('POST /uploads: refusals and request bodies', () => {
  it('refuses a type the pipeline never accepts with 415', async () => {
    const result = await handleRequest(
      apiEvent(route, { json: { filename: 'a.bmp', contentType: 'image/bmp', bytes: 10 } }),
      apiDeps(),
    );
    expect(errorOf(result)).toEqual({ status: 415, code: 'Image::UnsupportedType' });
    expect(bodyOf(result).error.message).toMatch(/contentType/);
  });

  it('refuses more bytes than MAX_UPLOAD_BYTES with 413', async () => {
    const result = await handleRequest(
      apiEvent(route, { json: { filename: 'a.jpg', contentType: 'image/jpeg', bytes: 52_428_801 } }),
      apiDeps(),
    );
    expect(errorOf(result)).toEqual({ status: 413, code: 'Image::TooLarge' });
  });

  it.each([
    [{ contentType: 'image/jpeg', bytes: 1 }, /filename/],
    [{ filename: 'a.jpg', bytes: 1 }, /contentType/],
    [{ filename: 'a.jpg', contentType: 'image/jpeg', bytes: '12' }, /bytes/],
    [{ filename: 'a.jpg', contentType: 'image/jpeg', bytes: 0 }, /bytes: must be at least 1/],
    [{ filename: 'a.jpg', contentType: 'image/jpeg', bytes: 1.5 }, /bytes/],
    [[1, 2], /body: must be a JSON object/],
  ])('answers 400 naming the field for %j', async (json, message) => {
    const result = await handleRequest(apiEvent(route, { json }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 400, code: 'Request::Malformed' });
    expect(bodyOf(result).error.message).toMatch(message);
  });

  it('answers 400 for a body that is not JSON, or none', async () => {
    const notJson = await handleRequest(apiEvent(route, { body: '{"filename":' }), apiDeps());
    expect(errorOf(notJson)).toEqual({ status: 400, code: 'Request::Malformed' });
    expect(bodyOf(notJson).error.message).toBe('body: not valid JSON');

    const none = await handleRequest(apiEvent(route), apiDeps());
    expect(bodyOf(none).error.message).toMatch(/^body: /);
  });

  it('reads a base64-encoded JSON body', async () => {
    const body = Buffer.from(
      JSON.stringify({ filename: 'a.gif', contentType: 'image/gif', bytes: 5 }),
    ).toString('base64');
    const result = await handleRequest(apiEvent(route, { body, isBase64Encoded: true }), apiDeps());
    expect(result.statusCode).toBe(201);
  });
});
