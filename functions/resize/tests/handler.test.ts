import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acceptedBody, type QueueHandler, sqsEvent, storedItem, stubFunctionEnv } from './helpers.js';

const s3Mock = mockClient(S3Client);
const dynamoMock = mockClient(DynamoDBDocumentClient);
mockClient(SNSClient);

const context = { functionName: 'resize', awsRequestId: 'req-1' } as Context;
let handler: QueueHandler;
const sqsEvent1 = (messageId: string, body: string) => sqsEvent({ [messageId]: body });

beforeAll(async () => {
  stubFunctionEnv();
  ({ handler } = await import('../src/handler.js'));
});

beforeEach(() => {
  s3Mock.reset();
  dynamoMock.reset();
});

describe('resize handler', () => {
  it('reports a transient failure in batchItemFailures', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('ACCEPTED') });
    s3Mock.on(GetObjectCommand).rejects(new Error('socket hang up'));
    const response = await handler(sqsEvent1('m-1', acceptedBody()), context);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
  });

  it('acknowledges a message that is not image.accepted', async () => {
    const response = await handler(sqsEvent1('m-2', '{"Records":[]}'), context);
    expect(response.batchItemFailures).toEqual([]);
  });
});
