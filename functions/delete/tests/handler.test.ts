import {
  CloudFrontClient,
  CreateInvalidationCommand,
  TooManyInvalidationsInProgress,
} from '@aws-sdk/client-cloudfront';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type QueueHandler, s3EventBody, sqsEvent, stubFunctionEnv } from './helpers.js';

const s3Mock = mockClient(S3Client);
const dynamoMock = mockClient(DynamoDBDocumentClient);
const cloudfrontMock = mockClient(CloudFrontClient);
mockClient(SNSClient);
const A = '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';
const B = '4f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';

const context = { functionName: 'delete', awsRequestId: 'req-1' } as Context;
let handler: QueueHandler;

beforeAll(async () => {
  stubFunctionEnv();
  vi.stubEnv('RENDITIONS_DISTRIBUTION_ID', 'E2TESTDIST');
  ({ handler } = await import('../src/handler.js'));
});

beforeEach(() => {
  s3Mock.reset();
  dynamoMock.reset();
  cloudfrontMock.reset();
  cloudfrontMock.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I1' } as never });
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

  it('purges every image of the batch from the CDN with one CreateInvalidation', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });
    const removed = { eventName: 'ObjectRemoved:Delete' };

    const response = await handler(
      sqsEvent({
        a: s3EventBody(`uploads/alice/${A}.jpg`, removed),
        b: s3EventBody(`uploads/alice/${B}.jpg`, removed),
        again: s3EventBody(`uploads/alice/${A}.jpg`, removed),
      }),
      context,
    );

    expect(response.batchItemFailures).toEqual([]);
    const calls = cloudfrontMock.commandCalls(CreateInvalidationCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toMatchObject({
      DistributionId: 'E2TESTDIST',
      InvalidationBatch: { Paths: { Quantity: 2, Items: [`/${A}/*`, `/${B}/*`] } },
    });
  });

  it('hands the batch back to SQS when CloudFront refuses the invalidation (TooManyInvalidationsInProgress)', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });
    cloudfrontMock
      .on(CreateInvalidationCommand)
      .rejects(new TooManyInvalidationsInProgress({ message: 'too many', $metadata: {} }));

    const response = await handler(
      sqsEvent({ a: s3EventBody(`uploads/alice/${A}.jpg`, { eventName: 'ObjectRemoved:Delete' }) }),
      context,
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'a' }]);
  });
});
