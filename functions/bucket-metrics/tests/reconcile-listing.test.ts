import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { RENDITION_NAMES } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PUT_BATCH_SIZE, putMetricData } from '../src/metric-data.js';
import { reconcileBucketMetrics } from '../src/reconcile-bucket-metrics.js';
import { now, putData, putValue as putValueOf, runDeps } from './run-deps.js';
import { serveListing } from './s3-listing.js';

const s3Mock = mockClient(S3Client);
const cloudwatchMock = mockClient(CloudWatchClient);
const dynamoMock = mockClient(DynamoDBDocumentClient);

function run() {
  const { deps, logger } = runDeps();
  return { logger, result: reconcileBucketMetrics(deps) };
}
const putValue = (metric: string, dimensions: Record<string, string>) =>
  putValueOf(cloudwatchMock, metric, dimensions);

const objects = (keys: string[], size: (i: number) => number) =>
  keys.map((Key, i) => ({ Key, Size: size(i) }));

beforeEach(() => {
  s3Mock.reset();
  cloudwatchMock.reset();
  dynamoMock.reset();
  cloudwatchMock.on(PutMetricDataCommand).resolves({});
  dynamoMock.on(QueryCommand).resolves({ Items: [] });
  dynamoMock.on(TransactWriteCommand).resolves({});
  s3Mock.on(ListObjectsV2Command).resolves({ Contents: [], KeyCount: 0 });
});

describe('reconcileBucketMetrics: listing and prefixes', () => {
  it('reads every object of a bucket once, past 1,000 objects and across key ranges', async () => {
    // Rendition-shaped keys spread over the ranges (hex ids) and all in one range (uploads/).
    const hex = Array.from({ length: 2500 }, (_, i) => `${(i * 7919).toString(16)}/v/thumb.jpg`);
    serveListing(
      s3Mock,
      'renditions',
      objects(hex, (i) => i + 1),
    );
    const uploads = Array.from({ length: 2500 }, (_, i) => `uploads/alice/${i}.jpg`);
    serveListing(
      s3Mock,
      'uploads',
      objects(uploads, (i) => i + 1),
    );

    const summary = await run().result;

    const bytes = (2500 * 2501) / 2;
    expect(putValue('NumberOfObjects', { BucketName: 'uploads' })).toBe(2500);
    expect(putValue('BucketSizeBytes', { BucketName: 'uploads' })).toBe(bytes);
    expect(putValue('NumberOfObjects', { BucketName: 'uploads', Prefix: 'uploads/' })).toBe(2500);
    expect(putValue('NumberOfObjects', { BucketName: 'renditions', Prefix: 'renditions/thumb' })).toBe(2500);
    expect(putValue('BucketSizeBytes', { BucketName: 'renditions' })).toBe(bytes);
    // 2,500 keys: 3 pages read in order, no ranges needed.
    expect(summary.buckets[0]).toMatchObject({
      bucket: 'uploads',
      objects: 2500,
      bytes,
      pages: 3,
    });
  });

  it('puts counts and bytes per prefix: top-level folders of uploads, rendition names of renditions', async () => {
    serveListing(
      s3Mock,
      'uploads',
      objects(['uploads/a/1.jpg', 'uploads/b/2.png', 'tmp/x.bin', 'notes.txt'], (i) => 100 * (i + 1)),
    );
    serveListing(
      s3Mock,
      'renditions',
      objects(
        ['i1/v1/thumb.jpg', 'i1/v1/thumb.webp', 'i1/v1/small.jpg', 'i1/v1/large.webp', 'stray.txt'],
        (i) => i + 1,
      ),
    );

    await run().result;

    const uploads = (prefix: string) => ({ BucketName: 'uploads', Prefix: prefix });
    expect(putValue('NumberOfObjects', uploads('uploads/'))).toBe(2);
    expect(putValue('BucketSizeBytes', uploads('uploads/'))).toBe(300);
    expect(putValue('BucketSizeBytes', uploads('tmp/'))).toBe(300);
    expect(putValue('BucketSizeBytes', uploads('/'))).toBe(400);
    expect(putValue('NumberOfObjects', { BucketName: 'uploads' })).toBe(4);
    const renditions = (prefix: string) => ({ BucketName: 'renditions', Prefix: prefix });
    expect(putValue('NumberOfObjects', renditions('renditions/thumb'))).toBe(2);
    expect(putValue('BucketSizeBytes', renditions('renditions/thumb'))).toBe(3);
    expect(putValue('NumberOfObjects', renditions('renditions/small'))).toBe(1);
    expect(putValue('NumberOfObjects', renditions('renditions/medium'))).toBe(0);
    expect(putValue('BucketSizeBytes', renditions('renditions/large'))).toBe(4);
    expect(putValue('NumberOfObjects', renditions('(other)'))).toBe(1);
    expect(putValue('BucketSizeBytes', { BucketName: 'renditions' })).toBe(15);
  });
});

describe('reconcileBucketMetrics: empty buckets and failures', () => {
  it('reports zero for empty buckets, with units and one timestamp for the whole run', async () => {
    const { logger, result } = run();
    const summary = await result;

    expect(putValue('NumberOfObjects', { BucketName: 'uploads' })).toBe(0);
    expect(putValue('BucketSizeBytes', { BucketName: 'renditions' })).toBe(0);
    expect(putValue('NumberOfObjects', { BucketName: 'uploads', Prefix: 'uploads/' })).toBe(0);
    expect(putValue('NumberOfObjects', { BucketName: 'renditions', Prefix: 'renditions/large' })).toBe(0);
    const data = putData(cloudwatchMock).filter((d) => !d.MetricName?.startsWith('CounterDrift'));
    // 2 buckets + 1 uploads prefix + each rendition name, two metrics each.
    const standard = 2 * (2 + 1 + RENDITION_NAMES.length);
    expect(data).toHaveLength(standard);
    expect(new Set(data.map((d) => d.Timestamp?.toISOString()))).toEqual(new Set([now.toISOString()]));
    for (const d of data) expect(d.Unit).toBe(d.MetricName === 'NumberOfObjects' ? 'Count' : 'Bytes');
    expect(cloudwatchMock.commandCalls(PutMetricDataCommand)[0]?.args[0].input.Namespace).toBe('CustomS3');
    expect(summary).toMatchObject({
      namespace: 'CustomS3',
      mode: 'reconcile',
      // And the drift (two metrics) of each managed value: uploads/ and each rendition name.
      metrics: standard + 2 * (1 + RENDITION_NAMES.length),
      calls: 1,
      timestamp: now.toISOString(),
    });
    expect(logger.info).toHaveBeenCalledWith(
      'Bucket metrics put',
      expect.objectContaining({ metrics: summary.metrics }),
    );
  });

  it('puts nothing when a listing fails', async () => {
    s3Mock.on(ListObjectsV2Command, { Bucket: 'renditions' }).rejects(new Error('SlowDown'));
    await expect(run().result).rejects.toThrow('SlowDown');
    expect(cloudwatchMock.commandCalls(PutMetricDataCommand)).toHaveLength(0);
  });
});

describe('putMetricData', () => {
  it('splits the metrics into calls of at most 1,000', async () => {
    const data = Array.from({ length: 2 * PUT_BATCH_SIZE + 1 }, (_, i) => ({ MetricName: 'M', Value: i }));
    const calls = await putMetricData(new CloudWatchClient({ region: 'us-east-1' }), 'CustomS3', data);
    const sizes = cloudwatchMock
      .commandCalls(PutMetricDataCommand)
      .map((c) => c.args[0].input.MetricData?.length);
    expect(calls).toBe(3);
    expect(sizes).toEqual([1000, 1000, 1]);
  });
});
