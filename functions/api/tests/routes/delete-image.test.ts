import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DELETE_VERSION_CONDITION } from '@pipeline/store';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handleRequest } from '../../src/handle-request.js';
import {
  ALICE,
  apiDeps,
  apiEvent,
  BOB,
  bodyOf,
  errorOf,
  IMAGE_ID,
  moderatorEvent,
  storedImage,
} from '../helpers.js';

const s3Mock = mockClient(S3Client);
const dynamoMock = mockClient(DynamoDBDocumentClient);
const route = 'DELETE /images/{id}';

beforeEach(() => {
  s3Mock.reset();
  dynamoMock.reset();
  s3Mock.on(DeleteObjectCommand).resolves({});
  dynamoMock.on(GetCommand).resolves({ Item: storedImage() });
  dynamoMock.on(UpdateCommand).resolves({});
});

describe('DELETE /images/{id}', () => {
  it('removes the original so the S3 event cascades, and answers 202 DELETING', async () => {
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID }), apiDeps());

    expect(result.statusCode).toBe(202);
    expect(bodyOf(result)).toEqual({ imageId: IMAGE_ID, status: 'DELETING' });
    expect(s3Mock.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'uploads',
      Key: `uploads/${ALICE}/${IMAGE_ID}.jpg`,
    });
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it("answers 404 for another user's image, moderators included, and touches nothing", async () => {
    const other = await handleRequest(apiEvent(route, { id: IMAGE_ID, sub: BOB }), apiDeps());
    const moderator = await handleRequest(moderatorEvent(route, { id: IMAGE_ID }), apiDeps());
    expect(errorOf(other)).toEqual({ status: 404, code: 'Image::NotFound' });
    expect(errorOf(moderator)).toEqual({ status: 404, code: 'Image::NotFound' });
    expect(s3Mock.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it('answers 404 for a missing image', async () => {
    dynamoMock.on(GetCommand).resolves({});
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 404, code: 'Image::NotFound' });
  });

  it('is idempotent: an image already DELETED answers 202 DELETED', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: storedImage({ status: 'DELETED', renditions: [] }) });
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID }), apiDeps());
    expect(result.statusCode).toBe(202);
    expect(bodyOf(result)).toEqual({ imageId: IMAGE_ID, status: 'DELETED' });
    expect(s3Mock.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it('marks a REJECTED image DELETED itself (the pipeline keeps REJECTED on ObjectRemoved)', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: storedImage({ status: 'REJECTED', renditions: [] }) });
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID }), apiDeps());

    expect(bodyOf(result)).toEqual({ imageId: IMAGE_ID, status: 'DELETED' });
    const update = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.ConditionExpression).toBe(`${DELETE_VERSION_CONDITION} AND #key = :key`);
    expect(update?.ExpressionAttributeValues).toMatchObject({
      ':version': 'etag-1',
      ':orderKey': '2024-05-06T07:00:00.000000Z',
      ':deleted': 'DELETED',
    });
  });
});
