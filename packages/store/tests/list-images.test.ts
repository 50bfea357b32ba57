import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { STATUS_SHARD_COUNT } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ImagesStore } from '../src/images-store.js';
import { toItem } from '../src/item.js';
import { pageKeyAttributes } from '../src/list-images.js';
import { aRecord } from './fixtures.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const store = new ImagesStore(dynamo, 'images');

beforeEach(() => dynamoMock.reset());

describe('ImagesStore.list', () => {
  it("queries an owner's images on byOwner newest first, hiding an excluded status", async () => {
    const lastKey = { imageId: 'img-1', owner: 'alice', createdAt: '2024-01-01T00:00:00.000Z' };
    dynamoMock.on(QueryCommand).resolves({ Items: [toItem(aRecord())], LastEvaluatedKey: lastKey });

    const page = await store.list(
      { by: 'owner', owner: 'alice', excludeStatus: 'DELETED' },
      { limit: 1, startKey: { imageId: 'img-0', owner: 'alice', createdAt: '2024-02-01T00:00:00.000Z' } },
    );

    expect(page.records.map((r) => r.imageId)).toEqual(['img-1']);
    expect(page.lastKey).toEqual(lastKey);
    const input = dynamoMock.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      TableName: 'images',
      IndexName: 'byOwner',
      KeyConditionExpression: '#owner = :owner',
      FilterExpression: '#status <> :excluded',
      ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
      ExpressionAttributeValues: { ':owner': 'alice', ':excluded': 'DELETED' },
      ScanIndexForward: false,
      Limit: 1,
      ExclusiveStartKey: { imageId: 'img-0', owner: 'alice', createdAt: '2024-02-01T00:00:00.000Z' },
    });
  });

  it('filters an owner list to one status', async () => {
    dynamoMock.on(QueryCommand).resolves({ Items: [] });
    await store.list({ by: 'owner', owner: 'alice', status: 'PROCESSED' }, { limit: 20 });
    const input = dynamoMock.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input?.FilterExpression).toBe('#status = :status');
    expect(input?.ExpressionAttributeValues).toEqual({ ':owner': 'alice', ':status': 'PROCESSED' });
    expect(input).not.toHaveProperty('ExclusiveStartKey');
  });
});

describe('ImagesStore.list by status', () => {
  it("lists everyone's images in one status from every shard of byStatusShard", async () => {
    dynamoMock.on(QueryCommand).resolves({ Items: [toItem(aRecord({ status: 'PROCESSED' }))] });
    const page = await store.list({ by: 'status', status: 'PROCESSED' }, { limit: 20 });

    expect(page.lastKey).toBeUndefined();
    expect(page.records[0]).toMatchObject({ status: 'PROCESSED' });
    const inputs = dynamoMock.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(inputs).toHaveLength(STATUS_SHARD_COUNT);
    expect(inputs[0]).toMatchObject({
      IndexName: 'byStatusShard',
      KeyConditionExpression: '#statusShard = :shard',
      ExpressionAttributeValues: { ':shard': 'PROCESSED#0' },
      ScanIndexForward: false,
      Limit: 20,
    });
    expect(inputs[0]).not.toHaveProperty('FilterExpression');
  });

  it('refuses a status startKey that is not a position of that listing', async () => {
    await expect(
      store.list({ by: 'status', status: 'PROCESSED' }, { limit: 5, startKey: { imageId: 'x' } }),
    ).rejects.toThrow(TypeError);
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('reads on when a filter leaves the page short, asking only for what is missing', async () => {
    const first = { imageId: 'a', owner: 'alice', createdAt: '3' };
    const second = { imageId: 'c', owner: 'alice', createdAt: '1' };
    dynamoMock
      .on(QueryCommand)
      .resolvesOnce({ Items: [toItem(aRecord({ imageId: 'a' }))], LastEvaluatedKey: first })
      .resolvesOnce({ Items: [toItem(aRecord({ imageId: 'c' }))], LastEvaluatedKey: second });

    const page = await store.list({ by: 'owner', owner: 'alice', status: 'ACCEPTED' }, { limit: 2 });

    expect(page.records.map((r) => r.imageId)).toEqual(['a', 'c']);
    expect(page.lastKey).toEqual(second);
    const calls = dynamoMock.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.Limit)).toEqual([2, 1]);
    expect(calls[1]?.ExclusiveStartKey).toEqual(first);
  });

  it('stops after maxReads requests and hands back where it stopped', async () => {
    const key = { imageId: 'x', owner: 'alice', createdAt: '1' };
    dynamoMock.on(QueryCommand).resolves({ Items: [], LastEvaluatedKey: key });
    const page = await store.list({ by: 'owner', owner: 'alice' }, { limit: 5, maxReads: 3 });
    expect(page).toEqual({ records: [], lastKey: key });
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(3);
  });
});

describe('pageKeyAttributes', () => {
  it('names the table key plus the byOwner key', () => {
    expect(pageKeyAttributes({ by: 'owner', owner: 'a' })).toEqual(['imageId', 'owner', 'createdAt']);
  });
});
