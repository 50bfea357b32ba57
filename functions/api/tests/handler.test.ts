import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { lambdaContext, stubFunctionEnv } from '@pipeline/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import type { handler as Handler } from '../src/handler.js';
import { apiEvent, bodyOf, IMAGE_ID, storedImage } from './helpers.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
let handler: typeof Handler;

beforeAll(async () => {
  stubFunctionEnv({ RENDITIONS_BASE_URL: 'http://localhost:4566/renditions' });
  ({ handler } = await import('../src/handler.js'));
});

describe('api handler', () => {
  it('serves a request with the clients and config it built from the environment', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: storedImage() });

    const result = await handler(apiEvent('GET /images/{id}', { id: IMAGE_ID }), lambdaContext('api'));

    expect(result.statusCode).toBe(200);
    expect(bodyOf(result).renditions[0].url).toBe(
      `http://localhost:4566/renditions/${IMAGE_ID}/etag-1/thumb.jpg`,
    );
    expect(dynamoMock.commandCalls(GetCommand)[0]?.args[0].input.TableName).toBe('images');
  });
});
