import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { statusShardOf } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { backfillStatusShards } from '../backfill-status-shard.ts';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));

beforeEach(() => dynamoMock.reset());

describe('backfillStatusShards', () => {
  it('sets statusShard only where it is missing or stale, conditional on the status it read', async () => {
    dynamoMock.on(ScanCommand).resolves({
      Items: [
        { imageId: 'a', status: 'PROCESSED' },
        { imageId: 'b', status: 'ACCEPTED', statusShard: statusShardOf('ACCEPTED', 'b') },
        { imageId: 'c', status: 'DELETED', statusShard: 'PROCESSED#0' },
        { imageId: 'limit#uploads#alice#60' },
      ],
    });
    dynamoMock.on(UpdateCommand).resolves({});

    await expect(backfillStatusShards(dynamo, 'images')).resolves.toEqual({
      scanned: 4,
      updated: 2,
      skipped: 0,
    });

    const updates = dynamoMock.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(updates.map((u) => [u.Key?.imageId, u.ExpressionAttributeValues])).toEqual([
      ['a', { ':shard': statusShardOf('PROCESSED', 'a'), ':status': 'PROCESSED' }],
      ['c', { ':shard': statusShardOf('DELETED', 'c'), ':status': 'DELETED' }],
    ]);
    expect(updates[0]?.ConditionExpression).toBe('#status = :status');
  });

  it('skips an item whose status changed since the scan', async () => {
    dynamoMock.on(ScanCommand).resolves({ Items: [{ imageId: 'a', status: 'ACCEPTED' }] });
    dynamoMock
      .on(UpdateCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }),
      );

    await expect(backfillStatusShards(dynamo, 'images')).resolves.toEqual({
      scanned: 1,
      updated: 0,
      skipped: 1,
    });
  });
});
