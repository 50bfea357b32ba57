import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { reconcileBucketMetrics } from '../src/reconcile-bucket-metrics.js';
import { putValue as putValueOf, runDeps } from './run-deps.js';
import { serveListing } from './s3-listing.js';

const s3Mock = mockClient(S3Client);
const cloudwatchMock = mockClient(CloudWatchClient);
const dynamoMock = mockClient(DynamoDBDocumentClient);
const putValue = (metric: string, dimensions: Record<string, string>) =>
  putValueOf(cloudwatchMock, metric, dimensions);

/** Counters that hold 2 uploads (300 bytes), `changes` as given. */
const shard = (changes: number) => ({
  pk: 'counters',
  sk: 'shard#0',
  changes,
  'o#uploads/': 2,
  'b#uploads/': 300,
});

beforeEach(() => {
  s3Mock.reset();
  cloudwatchMock.reset();
  dynamoMock.reset();
  cloudwatchMock.on(PutMetricDataCommand).resolves({});
  dynamoMock.on(TransactWriteCommand).resolves({});
  // The listing: 3 managed uploads (350 bytes), a folder marker, a stray rendition key.
  serveListing(s3Mock, 'uploads', [
    { Key: 'uploads/a/1.jpg', Size: 100 },
    { Key: 'uploads/a/2.jpg', Size: 200 },
    { Key: 'uploads/3.jpg', Size: 50 },
    { Key: 'uploads/a/', Size: 0 },
  ]);
  serveListing(s3Mock, 'renditions', [{ Key: 'stray', Size: 5 }]);
});

/** The items of the one reconcile transaction. */
function transaction() {
  const calls = dynamoMock.commandCalls(TransactWriteCommand);
  expect(calls).toHaveLength(1);
  return calls[0]?.args[0].input.TransactItems ?? [];
}

describe('reconcileBucketMetrics: drift and correction', () => {
  it('puts the drift and corrects the offset when no counter moved during the listing', async () => {
    dynamoMock.on(QueryCommand).resolves({ Items: [shard(4)] });
    const summary = await reconcileBucketMetrics(runDeps().deps);

    const uploads = { BucketName: 'uploads', Prefix: 'uploads/' };
    expect(putValue('CounterDrift', uploads)).toBe(1);
    expect(putValue('CounterDriftBytes', uploads)).toBe(50);
    expect(putValue('CounterDrift', { BucketName: 'renditions', Prefix: 'renditions/thumb' })).toBe(0);
    // The listing's own numbers are what this run reports.
    expect(putValue('NumberOfObjects', uploads)).toBe(4);
    expect(summary).toMatchObject({ mode: 'reconcile', corrected: true });

    const items = transaction();
    const offset = items.find((i) => i.Update?.Key?.sk === 'offset')?.Update;
    expect(offset?.ExpressionAttributeValues?.[':offset']).toEqual({ 'uploads/': { objects: 1, bytes: 50 } });
    const snapshot = items.find((i) => i.Update?.Key?.sk === 'snapshot')?.Update;
    expect(snapshot?.ExpressionAttributeValues?.[':uploads']).toMatchObject({
      'uploads/': { objects: 1, bytes: 0 },
    });
    expect(snapshot?.ExpressionAttributeValues?.[':renditions']).toMatchObject({
      '(other)': { objects: 1, bytes: 5 },
    });
    // Each shard must still be where it was read: shard 0 at 4 changes, the others never written.
    const checks = items.flatMap((i) => (i.ConditionCheck ? [i.ConditionCheck] : []));
    expect(checks).toHaveLength(8);
    expect(checks[0]).toMatchObject({
      ConditionExpression: '#changes = :changes',
      ExpressionAttributeValues: { ':changes': 4 },
    });
    expect(checks[1]?.ConditionExpression).toBe('attribute_not_exists(#changes)');
  });

  it('leaves the offset for the next day when a counter moved during the listing', async () => {
    dynamoMock
      .on(QueryCommand)
      .resolvesOnce({ Items: [shard(4)] })
      .resolves({ Items: [shard(5)] });
    const { deps, logger } = runDeps();
    const summary = await reconcileBucketMetrics(deps);

    expect(summary.corrected).toBe(false);
    const items = transaction();
    expect(items.map((i) => i.Update?.Key?.sk)).toEqual(['snapshot']);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('waits for the next reconcile'));
  });

  it('stores only the snapshot when a counter moves between the check and the write', async () => {
    dynamoMock.on(QueryCommand).resolves({ Items: [shard(4)] });
    dynamoMock
      .on(TransactWriteCommand)
      .rejectsOnce({ name: 'TransactionCanceledException', message: 'ConditionalCheckFailed' })
      .resolves({});
    const summary = await reconcileBucketMetrics(runDeps().deps);

    expect(summary.corrected).toBe(false);
    const calls = dynamoMock.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input.TransactItems?.map((i) => i.Update?.Key?.sk)).toEqual(['snapshot']);
  });
});
