import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptedBody, config, storedItem } from './helpers.js';

const s3Mock = mockClient(S3Client);
const dynamoMock = mockClient(DynamoDBDocumentClient);
mockClient(SNSClient);

const context = { functionName: 'resize', awsRequestId: 'req-1' } as Context;
let handler: (
  event: SQSEvent,
  context: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

function sqsEvent(messageId: string, body: string): SQSEvent {
  return {
    Records: [{ messageId, body, attributes: { ApproximateReceiveCount: '1' } } as unknown as SQSRecord],
  };
}

beforeAll(async () => {
  vi.stubEnv('UPLOADS_BUCKET', config.uploadsBucket);
  vi.stubEnv('RENDITIONS_BUCKET', config.renditionsBucket);
  vi.stubEnv('IMAGES_TABLE', config.imagesTable);
  vi.stubEnv('EVENTS_TOPIC_ARN', config.eventsTopicArn);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
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
    const response = await handler(sqsEvent('m-1', acceptedBody()), context);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
  });

  it('acknowledges a message that is not image.accepted', async () => {
    const response = await handler(sqsEvent('m-2', '{"Records":[]}'), context);
    expect(response.batchItemFailures).toEqual([]);
  });
});
