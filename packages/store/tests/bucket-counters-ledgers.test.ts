import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { BucketCountersStore } from '../src/bucket-counters-store.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const counters = new BucketCountersStore(dynamo, 'bucket-counters');

beforeEach(() => dynamoMock.reset());

describe('BucketCountersStore.scanLedgers', () => {
  it('reads every ledger page by page, with a filtered, projected, strongly consistent Scan', async () => {
    const ledger = (id: string) => ({
      pk: `image#${id}`,
      contribution: { 'uploads/': { objects: 1, bytes: 10 } },
      revision: 2,
      updatedAt: '2024-05-06T07:08:09.000Z',
    });
    dynamoMock
      .on(ScanCommand)
      .resolvesOnce({ Items: [ledger('a')], LastEvaluatedKey: { pk: 'image#a', sk: 'ledger' } })
      .resolvesOnce({ Items: [ledger('b'), { pk: 'image#c' }] });

    const ledgers = [];
    for await (const entry of counters.scanLedgers()) ledgers.push(entry);

    expect(ledgers.map((l) => l.imageId)).toEqual(['a', 'b', 'c']);
    expect(ledgers[0]).toEqual({
      imageId: 'a',
      contribution: { 'uploads/': { objects: 1, bytes: 10 } },
      revision: 2,
      updatedAt: '2024-05-06T07:08:09.000Z',
    });
    // A ledger with nothing recorded reads as empty, not as an error.
    expect(ledgers[2]).toEqual({ imageId: 'c', contribution: {}, revision: 0, updatedAt: '' });
    const calls = dynamoMock.commandCalls(ScanCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      TableName: 'bucket-counters',
      FilterExpression: 'begins_with(#pk, :image)',
      ExpressionAttributeValues: { ':image': 'image#' },
      ConsistentRead: true,
    });
    expect(calls[1]?.ExclusiveStartKey).toEqual({ pk: 'image#a', sk: 'ledger' });
  });
});
