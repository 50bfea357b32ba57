import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { metadataBody, metadataEvent, type QueueHandler, storedItem, stubFunctionEnv } from './helpers.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const context = { functionName: 'metadata', awsRequestId: 'req-1' } as Context;
let handler: QueueHandler;

beforeAll(async () => {
  stubFunctionEnv();
  ({ handler } = await import('../src/handler.js'));
});

beforeEach(() => dynamoMock.reset());

describe('metadata handler', () => {
  it('applies each record with its own attribute, retries transient failures, acknowledges bad messages', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem('img-a', 'PROCESSED') });
    dynamoMock
      .on(UpdateCommand, { Key: { imageId: 'img-throttled' } })
      .rejects(new Error('ThrottlingException'));

    const response = await handler(
      metadataEvent({
        caption: { body: metadataBody('img-a', 'Sunset'), metadataType: 'Caption' },
        name: { body: metadataBody('img-b', 'Ann'), metadataType: 'Name' },
        throttled: { body: metadataBody('img-throttled', 'x'), metadataType: 'Caption' },
        unknownType: { body: metadataBody('img-c', 'x'), metadataType: 'Location' },
        noAttribute: { body: metadataBody('img-d', 'x') },
        junk: { body: 'not json', metadataType: 'Caption' },
      }),
      context,
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'throttled' }]);
    const updates = dynamoMock.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(updates.map((input) => [input.Key?.imageId, input.UpdateExpression])).toEqual([
      ['img-a', 'SET #updatedAt = :now, #caption = :caption'],
      ['img-b', 'SET #updatedAt = :now, #photographer = :photographer'],
      ['img-throttled', 'SET #updatedAt = :now, #caption = :caption'],
    ]);
  });
});
