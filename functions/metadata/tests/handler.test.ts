import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { updatesThrottledFor } from '@pipeline/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { metadataBody, metadataEvent, storedItem, useQueueHandler } from './helpers.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);

const handle = useQueueHandler('metadata', () => import('../src/handler.js'));

beforeEach(() => dynamoMock.reset());

describe('metadata handler', () => {
  it('applies each record with its own attribute, retries transient failures, acknowledges bad messages', async () => {
    updatesThrottledFor(dynamoMock, 'img-throttled', storedItem('img-a', 'PROCESSED'));

    const response = await handle(
      metadataEvent({
        caption: { body: metadataBody('img-a', 'Sunset'), metadataType: 'Caption' },
        name: { body: metadataBody('img-b', 'Ann'), metadataType: 'Name' },
        throttled: { body: metadataBody('img-throttled', 'x'), metadataType: 'Caption' },
        unknownType: { body: metadataBody('img-c', 'x'), metadataType: 'Location' },
        noAttribute: { body: metadataBody('img-d', 'x') },
        junk: { body: 'not json', metadataType: 'Caption' },
      }),
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
