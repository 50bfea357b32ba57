import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { RENDITION_NAMES } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { collectBucketMetrics } from '../src/collect-bucket-metrics.js';
import { putValue as putValueOf, runDeps } from './run-deps.js';
import { serveListing } from './s3-listing.js';

const s3Mock = mockClient(S3Client);
const cloudwatchMock = mockClient(CloudWatchClient);
const dynamoMock = mockClient(DynamoDBDocumentClient);
const putValue = (metric: string, dimensions: Record<string, string>) =>
  putValueOf(cloudwatchMock, metric, dimensions);

/** The `counters` partition as stored: two shards, the last reconcile's snapshot and offset. */
const stored = [
  {
    pk: 'counters',
    sk: 'shard#0',
    changes: 3,
    'o#uploads/': 2,
    'b#uploads/': 500,
    'o#renditions/thumb': 2,
    'b#renditions/thumb': 20,
  },
  { pk: 'counters', sk: 'shard#5', changes: 1, 'o#uploads/': 1, 'b#uploads/': 100 },
  {
    pk: 'counters',
    sk: 'snapshot',
    listedAt: '2024-05-06T03:00:00.000Z',
    uploads: {
      'uploads/': { objects: 1, bytes: 0 },
      'tmp/': { objects: 4, bytes: 40 },
      '/': { objects: 1, bytes: 9 },
    },
    renditions: { '(other)': { objects: 1, bytes: 7 } },
  },
  { pk: 'counters', sk: 'offset', offset: { 'renditions/thumb': { objects: -1, bytes: -10 } } },
];

beforeEach(() => {
  s3Mock.reset();
  cloudwatchMock.reset();
  dynamoMock.reset();
  cloudwatchMock.on(PutMetricDataCommand).resolves({});
  dynamoMock.on(TransactWriteCommand).resolves({});
  s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });
});

describe('collectBucketMetrics: the 5-minute run', () => {
  it('puts the metrics from one Query of the counters, without listing a bucket', async () => {
    dynamoMock.on(QueryCommand).resolves({ Items: stored });
    const summary = await collectBucketMetrics(runDeps().deps);

    expect(s3Mock.commandCalls(ListObjectsV2Command)).toHaveLength(0);
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(1);
    expect(dynamoMock.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({ ConsistentRead: true });
    const uploads = (prefix: string) => ({ BucketName: 'uploads', Prefix: prefix });
    // Managed: the shards summed, plus the folder markers the snapshot saw under uploads/.
    expect(putValue('NumberOfObjects', uploads('uploads/'))).toBe(4);
    expect(putValue('BucketSizeBytes', uploads('uploads/'))).toBe(600);
    // Unmanaged: from the snapshot.
    expect(putValue('NumberOfObjects', uploads('tmp/'))).toBe(4);
    expect(putValue('BucketSizeBytes', uploads('/'))).toBe(9);
    expect(putValue('NumberOfObjects', { BucketName: 'uploads' })).toBe(9);
    const renditions = (prefix: string) => ({ BucketName: 'renditions', Prefix: prefix });
    // Counters plus the reconcile's offset.
    expect(putValue('NumberOfObjects', renditions('renditions/thumb'))).toBe(1);
    expect(putValue('BucketSizeBytes', renditions('renditions/thumb'))).toBe(10);
    expect(putValue('NumberOfObjects', renditions('renditions/large'))).toBe(0);
    expect(putValue('NumberOfObjects', renditions('(other)'))).toBe(1);
    expect(putValue('BucketSizeBytes', { BucketName: 'renditions' })).toBe(17);
    // uploads: the bucket, uploads/, tmp/ and /; renditions: the bucket, each name and (other); two metrics each.
    expect(summary).toMatchObject({
      mode: 'counters',
      metrics: 2 * (4 + 2 + RENDITION_NAMES.length),
      calls: 1,
    });
  });

  it('reconciles instead when no reconcile has stored a snapshot yet', async () => {
    dynamoMock.on(QueryCommand).resolves({ Items: [] });
    serveListing(s3Mock, 'uploads', [{ Key: 'x.txt', Size: 3 }]);
    const summary = await collectBucketMetrics(runDeps().deps);
    expect(summary.mode).toBe('reconcile');
    expect(putValue('NumberOfObjects', { BucketName: 'uploads', Prefix: '/' })).toBe(1);
    expect(dynamoMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});
