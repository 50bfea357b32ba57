import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type QueueHandler, s3EventBody, sqsEvent, stubFunctionEnv } from './helpers.js';

const s3Mock = mockClient(S3Client);
const dynamoMock = mockClient(DynamoDBDocumentClient);
mockClient(SNSClient);

const context = { functionName: 'delete', awsRequestId: 'req-1' } as Context;
let handler: QueueHandler;

beforeAll(async () => {
  stubFunctionEnv();
  ({ handler } = await import('../src/handler.js'));
});

beforeEach(() => {
  s3Mock.reset();
  dynamoMock.reset();
});

describe('delete handler', () => {
  it('reports a transient failure and acknowledges a malformed message', async () => {
    dynamoMock.on(UpdateCommand).rejects(new Error('ThrottlingException'));
    const response = await handler(
      sqsEvent({
        throttled: s3EventBody('uploads/alice/a.jpg', { eventName: 'ObjectRemoved:Delete' }),
        junk: '{"type":"image.exploded"}',
      }),
      context,
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'throttled' }]);
    expect(s3Mock.commandCalls(ListObjectsV2Command)).toHaveLength(0);
  });
});
