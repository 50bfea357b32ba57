import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleRequest } from '../src/handle-request.js';
import { quotaDecision } from '../src/upload-limits.js';
import { ALICE, apiDeps, apiEvent, bodyOf, errorOf, NOW } from './helpers.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);
const quotas = { maxImages: 3, maxBytes: 1000, uploadsPerMinute: 2 };

const presign = (bytes: number) =>
  apiEvent('POST /uploads', { json: { filename: 'a.jpg', contentType: 'image/jpeg', bytes } });
const direct = (bytes: number) =>
  apiEvent('POST /images', {
    body: Buffer.alloc(bytes, 1).toString('base64'),
    isBase64Encoded: true,
    headers: { 'content-type': 'image/png' },
  });

/** The owner's live images as byOwner returns them (projection: bytes). */
function ownerHas(...bytes: number[]) {
  dynamoMock.on(QueryCommand).resolves({ Items: bytes.map((b) => ({ bytes: b })) });
}

beforeEach(() => {
  dynamoMock.reset();
  s3Mock.reset();
  s3Mock.on(PutObjectCommand).resolves({});
  dynamoMock.on(UpdateCommand).resolves({ Attributes: { uploads: 1 } });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => vi.useRealTimers());

describe('quotaDecision', () => {
  it('lets an upload through while it fits, and says how many bytes are left', () => {
    expect(quotaDecision({ images: 2, bytes: 600 }, quotas, 400)).toEqual({ ok: true, remainingBytes: 400 });
  });

  it('refuses the next image at the image quota, naming the limit', () => {
    const decision = quotaDecision({ images: 3, bytes: 0 }, quotas, 1);
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.error).toMatchObject({ status: 403, code: 'Quota::Images' });
      expect(decision.error.message).toContain('3 images per user');
    }
  });

  it('refuses bytes beyond the byte quota, naming the limit', () => {
    const decision = quotaDecision({ images: 1, bytes: 600 }, quotas, 401);
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.error).toMatchObject({ status: 403, code: 'Quota::Bytes' });
      expect(decision.error.message).toContain('1000 bytes per user');
    }
  });
});

describe.each([
  ['POST /uploads', presign],
  ['POST /images', direct],
])('%s under the upload limits', (_, request) => {
  it('answers 429 Quota::Rate with Retry-After once the minute is used up', async () => {
    dynamoMock
      .on(UpdateCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }),
      );

    const result = await handleRequest(request(10), apiDeps({ quotas }));

    expect(errorOf(result)).toEqual({ status: 429, code: 'Quota::Rate' });
    // NOW is 07:08:09: the window ends at 07:09:00.
    expect(result.headers?.['retry-after']).toBe('51');
    expect(bodyOf(result).error.message).toContain('2 per minute');
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(0);
    expect(s3Mock.calls()).toHaveLength(0);
  });

  it('counts the request in the caller’s window', async () => {
    ownerHas();
    await handleRequest(request(10), apiDeps({ quotas }));
    expect(dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      Key: { imageId: expect.stringMatching(new RegExp(`^limit#uploads#${ALICE}#\\d+$`)) },
      ExpressionAttributeValues: { ':limit': 2 },
    });
  });

  it('answers 403 Quota::Images at the image quota', async () => {
    ownerHas(1, 1, 1);
    const result = await handleRequest(request(10), apiDeps({ quotas }));
    expect(errorOf(result)).toEqual({ status: 403, code: 'Quota::Images' });
    expect(s3Mock.calls()).toHaveLength(0);
  });

  it('answers 403 Quota::Bytes when the upload does not fit in what is left', async () => {
    ownerHas(500, 400);
    const result = await handleRequest(request(101), apiDeps({ quotas }));
    expect(errorOf(result)).toEqual({ status: 403, code: 'Quota::Bytes' });
  });
});

describe('POST /uploads and the byte quota', () => {
  it('caps the presigned content-length-range at what the quota leaves', async () => {
    ownerHas(500, 400);
    const result = await handleRequest(presign(50), apiDeps({ quotas }));

    expect(result.statusCode).toBe(201);
    const policy = JSON.parse(Buffer.from(bodyOf(result).upload.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 100]);
  });
});
