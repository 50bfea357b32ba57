import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { handler as Handler } from '../src/handler.js';
import { apiEvent, bodyOf, IMAGE_ID, storedImage } from './helpers.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
let handler: typeof Handler;

beforeAll(async () => {
  vi.stubEnv('UPLOADS_BUCKET', 'uploads');
  vi.stubEnv('RENDITIONS_BUCKET', 'renditions');
  vi.stubEnv('IMAGES_TABLE', 'images');
  vi.stubEnv('EVENTS_TOPIC_ARN', 'arn:aws:sns:us-east-1:000000000000:image-events');
  vi.stubEnv('RENDITIONS_BASE_URL', 'http://localhost:4566/renditions');
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler } = await import('../src/handler.js'));
});

describe('api handler', () => {
  it('serves a request with the clients and config it built from the environment', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: storedImage() });
    const context = { functionName: 'api', awsRequestId: 'req-1' } as Context;

    const result = await handler(apiEvent('GET /images/{id}', { id: IMAGE_ID }), context);

    expect(result.statusCode).toBe(200);
    expect(bodyOf(result).renditions[0].url).toBe(
      `http://localhost:4566/renditions/${IMAGE_ID}/etag-1/thumb.jpg`,
    );
    expect(dynamoMock.commandCalls(GetCommand)[0]?.args[0].input.TableName).toBe('images');
  });
});
