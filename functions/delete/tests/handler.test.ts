import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { config, s3EventBody } from './helpers.js';

const s3Mock = mockClient(S3Client);
const dynamoMock = mockClient(DynamoDBDocumentClient);
mockClient(SNSClient);

const context = { functionName: 'delete', awsRequestId: 'req-1' } as Context;
let handler: (
  event: SQSEvent,
  context: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

function sqsEvent(bodies: Record<string, string>): SQSEvent {
  const Records = Object.entries(bodies).map(
    ([messageId, body]) =>
      ({ messageId, body, attributes: { ApproximateReceiveCount: '1' } }) as unknown as SQSRecord,
  );
  return { Records };
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
