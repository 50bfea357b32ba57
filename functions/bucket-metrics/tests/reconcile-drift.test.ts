import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { parseUploadKey } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { reconcileBucketMetrics } from '../src/reconcile-bucket-metrics.js';
import { serveTables, type TablesFixture } from './counters-table.js';
import { now, putValue as putValueOf, runDeps } from './run-deps.js';
import { serveListing } from './s3-listing.js';

const s3Mock = mockClient(S3Client);
const cloudwatchMock = mockClient(CloudWatchClient);
const dynamoMock = mockClient(DynamoDBDocumentClient);
const putValue = (metric: string, dimensions: Record<string, string>) =>
  putValueOf(cloudwatchMock, metric, dimensions);

const yesterday = new Date(now.getTime() - 24 * 3600 * 1000);
const idOf = (key: string) => parseUploadKey(key)?.imageId ?? '';
const upload = (bytes: number) => ({ 'uploads/': { objects: 1, bytes } });

/** The counters hold 2 uploads (300 bytes), one ledger each, all of a day ago. */
function tables(): TablesFixture {
  return {
    counters: { 'uploads/': { objects: 2, bytes: 300 } },
    ledgers: [
      { imageId: idOf('uploads/a/1.jpg'), contribution: upload(100), updatedAt: yesterday.toISOString() },
      { imageId: idOf('uploads/a/2.jpg'), contribution: upload(200), updatedAt: yesterday.toISOString() },
    ],
    records: [],
  };
}

beforeEach(() => {
  s3Mock.reset();
  cloudwatchMock.reset();
  dynamoMock.reset();
  cloudwatchMock.on(PutMetricDataCommand).resolves({});
  // The listing, all of a day ago: the 2 counted uploads, one nobody counted (50 bytes), a folder
  // marker, a stray rendition key.
  serveListing(
    s3Mock,
    'uploads',
    [
      { Key: 'uploads/a/1.jpg', Size: 100 },
      { Key: 'uploads/a/2.jpg', Size: 200 },
      { Key: 'uploads/3.jpg', Size: 50 },
      { Key: 'uploads/a/', Size: 0 },
    ].map((o) => ({ ...o, LastModified: yesterday })),
  );
  serveListing(s3Mock, 'renditions', [{ Key: 'stray', Size: 5, LastModified: yesterday }]);
});

/** The items of the one reconcile transaction. */
function transaction() {
  const calls = dynamoMock.commandCalls(TransactWriteCommand);
  expect(calls).toHaveLength(1);
  return calls[0]?.args[0].input.TransactItems ?? [];
}

describe('reconcileBucketMetrics: drift and correction', () => {
  it('puts the drift and stores the settled images as the offset, with the snapshot', async () => {
    serveTables(dynamoMock, tables());
    const summary = await reconcileBucketMetrics(runDeps().deps);

    const uploads = { BucketName: 'uploads', Prefix: 'uploads/' };
    expect(putValue('CounterDrift', uploads)).toBe(1);
    expect(putValue('CounterDriftBytes', uploads)).toBe(50);
    expect(putValue('CounterDrift', { BucketName: 'renditions', Prefix: 'renditions/thumb' })).toBe(0);
    // The listing's own numbers are what this run reports.
    expect(putValue('NumberOfObjects', uploads)).toBe(4);
    expect(summary).toMatchObject({
      mode: 'reconcile',
      corrected: true,
      images: { inFlight: 0, settled: 1, settledIds: [idOf('uploads/3.jpg')] },
    });

    const items = transaction();
    const offset = items.find((i) => i.Update?.Key?.sk === 'offset')?.Update;
    expect(offset?.ExpressionAttributeValues?.[':offset']).toEqual(upload(50));
    const snapshot = items.find((i) => i.Update?.Key?.sk === 'snapshot')?.Update;
    expect(snapshot?.ExpressionAttributeValues?.[':uploads']).toMatchObject({
      'uploads/': { objects: 1, bytes: 0 },
    });
    expect(snapshot?.ExpressionAttributeValues?.[':renditions']).toMatchObject({
      '(other)': { objects: 1, bytes: 5 },
    });
    // Judged image by image, not by whether the counters held still: no condition on the shards.
    expect(items.filter((i) => i.ConditionCheck)).toEqual([]);
  });

  it('reads the ledgers with one filtered, projected Scan of the counters table', async () => {
    serveTables(dynamoMock, tables());
    await reconcileBucketMetrics(runDeps().deps);

    const scans = dynamoMock.commandCalls(ScanCommand).map((call) => call.args[0].input);
    // 2 ledgers on a page: one page, and the paginator stops when no LastEvaluatedKey comes back.
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({
      TableName: 'bucket-counters',
      FilterExpression: 'begins_with(#pk, :image)',
      ExpressionAttributeValues: { ':image': 'image#' },
    });
    expect(scans[0]?.ProjectionExpression).toBeDefined();
  });

  it('logs the drift with how many drifted images were in flight and which settled', async () => {
    serveTables(dynamoMock, tables());
    const { deps, logger } = runDeps();
    await reconcileBucketMetrics(deps);

    expect(logger.warn).toHaveBeenCalledWith(
      'Bucket counters drifted from the listing',
      expect.objectContaining({ inFlight: 0, settled: 1, firstSettled: [idOf('uploads/3.jpg')] }),
    );
  });

  it('stores only the snapshot when the transaction is cancelled', async () => {
    serveTables(dynamoMock, tables());
    dynamoMock
      .on(TransactWriteCommand)
      .rejectsOnce({ name: 'TransactionCanceledException', message: 'TransactionConflict' })
      .resolves({});
    const summary = await reconcileBucketMetrics(runDeps().deps);

    expect(summary.corrected).toBe(false);
    const calls = dynamoMock.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input.TransactItems?.map((i) => i.Update?.Key?.sk)).toEqual(['snapshot']);
  });
});
