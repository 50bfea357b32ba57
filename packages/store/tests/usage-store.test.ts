import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { UsageStore } from '../src/usage-store.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const usage = new UsageStore(dynamo, 'images');

beforeEach(() => dynamoMock.reset());

describe('UsageStore.takeUploadSlot', () => {
  const at = new Date('2024-05-06T07:08:42.500Z');
  const windowStart = Math.floor(Date.UTC(2024, 4, 6, 7, 8, 0) / 1000);

  it("adds one to the owner's counter of the current minute, conditionally, with a TTL", async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: { uploads: 3 } });

    await expect(usage.takeUploadSlot('alice', 30, at)).resolves.toEqual({ allowed: true, used: 3 });

    const input = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      TableName: 'images',
      Key: { imageId: `limit#uploads#alice#${windowStart}` },
      UpdateExpression: 'ADD #uploads :one SET #expiresAt = :expiresAt',
      ConditionExpression: 'attribute_not_exists(#uploads) OR #uploads < :limit',
      ExpressionAttributeValues: { ':one': 1, ':limit': 30, ':expiresAt': windowStart + 120 },
    });
  });

  it('refuses when the window is full and says how long until the next one', async () => {
    dynamoMock
      .on(UpdateCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }),
      );

    // 42.5 s into the minute: the window ends in 18 s.
    await expect(usage.takeUploadSlot('alice', 30, at)).resolves.toEqual({
      allowed: false,
      retryAfterSeconds: 18,
    });
  });

  it('starts a new counter in the next minute', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: { uploads: 1 } });
    await usage.takeUploadSlot('alice', 30, new Date(at.getTime() + 60_000));
    expect(dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input.Key).toEqual({
      imageId: `limit#uploads#alice#${windowStart + 60}`,
    });
  });

  it('propagates other DynamoDB errors', async () => {
    dynamoMock.on(UpdateCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(usage.takeUploadSlot('alice', 30, at)).rejects.toThrow('ProvisionedThroughput');
  });
});

describe('UsageStore.ownerUsage', () => {
  it("sums the owner's live images and bytes over every page of byOwner", async () => {
    dynamoMock
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ bytes: 100 }, { bytes: 50 }], LastEvaluatedKey: { imageId: 'a' } })
      .resolvesOnce({ Items: [{}] });

    await expect(usage.ownerUsage('alice', { images: 10, bytes: 10_000 })).resolves.toEqual({
      images: 3,
      bytes: 150,
    });
    const calls = dynamoMock.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(calls[0]).toMatchObject({
      IndexName: 'byOwner',
      KeyConditionExpression: '#owner = :owner',
      FilterExpression: '#status <> :deleted AND #status <> :rejected',
      ExpressionAttributeValues: { ':owner': 'alice', ':deleted': 'DELETED', ':rejected': 'REJECTED' },
    });
    expect(calls[1]?.ExclusiveStartKey).toEqual({ imageId: 'a' });
  });

  it('stops reading once the owner is at a quota', async () => {
    dynamoMock
      .on(QueryCommand)
      .resolves({ Items: [{ bytes: 1 }, { bytes: 1 }], LastEvaluatedKey: { imageId: 'a' } });

    await expect(usage.ownerUsage('alice', { images: 2, bytes: 10_000 })).resolves.toEqual({
      images: 2,
      bytes: 2,
    });
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(1);
  });
});
