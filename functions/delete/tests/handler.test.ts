import {
  CloudFrontClient,
  CreateInvalidationCommand,
  TooManyInvalidationsInProgress,
} from '@aws-sdk/client-cloudfront';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockPipelineClients } from '@pipeline/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { s3EventBody, sqsEvent, useQueueHandler } from './helpers.js';

const { s3: s3Mock, dynamo: dynamoMock } = mockPipelineClients();

const cloudfrontMock = mockClient(CloudFrontClient);
const A = '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';
const B = '4f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';

const handle = useQueueHandler('delete', () => import('../src/handler.js'), {
  RENDITIONS_DISTRIBUTION_ID: 'E2TESTDIST',
});

beforeEach(() => {
  cloudfrontMock.reset();
  cloudfrontMock.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I1' } as never });
});

describe('delete handler', () => {
  it('reports a transient failure and acknowledges a malformed message', async () => {
    dynamoMock.on(UpdateCommand).rejects(new Error('ThrottlingException'));
    const response = await handle(
      sqsEvent({
        throttled: s3EventBody('uploads/alice/a.jpg', { eventName: 'ObjectRemoved:Delete' }),
        junk: '{"type":"image.exploded"}',
      }),
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'throttled' }]);
    expect(s3Mock.commandCalls(ListObjectsV2Command)).toHaveLength(0);
  });

  it('purges every image of the batch from the CDN with one CreateInvalidation', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });
    const removed = { eventName: 'ObjectRemoved:Delete' };

    const response = await handle(
      sqsEvent({
        a: s3EventBody(`uploads/alice/${A}.jpg`, removed),
        b: s3EventBody(`uploads/alice/${B}.jpg`, removed),
        again: s3EventBody(`uploads/alice/${A}.jpg`, removed),
      }),
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

    const response = await handle(
      sqsEvent({ a: s3EventBody(`uploads/alice/${A}.jpg`, { eventName: 'ObjectRemoved:Delete' }) }),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'a' }]);
  });
});
