import { CloudWatchClient, type MetricDatum, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { collectBucketMetrics } from '../src/collect-bucket-metrics.js';
import { PUT_BATCH_SIZE, putMetricData } from '../src/metric-data.js';

const s3Mock = mockClient(S3Client);
const cloudwatchMock = mockClient(CloudWatchClient);
const config = { uploadsBucket: 'uploads', renditionsBucket: 'renditions', namespace: 'CustomS3' };
const now = new Date('2024-05-06T07:08:09.000Z');

function run() {
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const deps = {
    s3: new S3Client({ region: 'us-east-1' }),
    cloudwatch: new CloudWatchClient({ region: 'us-east-1' }),
    config,
    logger,
    now: () => now,
  };
  return { logger, result: collectBucketMetrics(deps) };
}

/** Every metric put, across all PutMetricData calls. */
function putData(): MetricDatum[] {
  return cloudwatchMock
    .commandCalls(PutMetricDataCommand)
    .flatMap((call) => call.args[0].input.MetricData ?? []);
}

/** The value put for `metric` with exactly these dimensions. */
function putValue(metric: string, dimensions: Record<string, string>): number | undefined {
  const wanted = JSON.stringify(Object.entries(dimensions).sort());
  const found = putData().filter(
    (d) =>
      d.MetricName === metric &&
      JSON.stringify((d.Dimensions ?? []).map((x) => [x.Name, x.Value]).sort()) === wanted,
  );
  expect(found.length, `${metric} ${wanted} put ${found.length} times`).toBeLessThanOrEqual(1);
  return found[0]?.Value;
}

const objects = (keys: string[], size: (i: number) => number) =>
  keys.map((Key, i) => ({ Key, Size: size(i) }));

beforeEach(() => {
  s3Mock.reset();
  cloudwatchMock.reset();
  cloudwatchMock.on(PutMetricDataCommand).resolves({});
  s3Mock.on(ListObjectsV2Command).resolves({ Contents: [], KeyCount: 0 });
});

describe('collectBucketMetrics: listing and prefixes', () => {
  it('reads every page of a bucket past 1,000 objects', async () => {
    const keys = Array.from({ length: 2500 }, (_, i) => `uploads/alice/${i}.jpg`);
    const page = (from: number, to: number) => objects(keys.slice(from, to), (i) => from + i + 1);
    // Each page answers only the continuation token of the page before it.
    const uploads = { Bucket: 'uploads' };
    s3Mock
      .on(ListObjectsV2Command, uploads)
      .resolves({ Contents: page(0, 1000), IsTruncated: true, NextContinuationToken: 't1' })
      .on(ListObjectsV2Command, { ...uploads, ContinuationToken: 't1' })
      .resolves({ Contents: page(1000, 2000), IsTruncated: true, NextContinuationToken: 't2' })
      .on(ListObjectsV2Command, { ...uploads, ContinuationToken: 't2' })
      .resolves({ Contents: page(2000, 2500), IsTruncated: false });

    const { result } = run();
    const summary = await result;

    const uploadsCalls = s3Mock
      .commandCalls(ListObjectsV2Command)
      .filter((c) => c.args[0].input.Bucket === 'uploads');
    expect(uploadsCalls).toHaveLength(3);
    const bytes = (2500 * 2501) / 2;
    expect(putValue('NumberOfObjects', { BucketName: 'uploads' })).toBe(2500);
    expect(putValue('BucketSizeBytes', { BucketName: 'uploads' })).toBe(bytes);
    expect(putValue('NumberOfObjects', { BucketName: 'uploads', Prefix: 'uploads/' })).toBe(2500);
    expect(summary.buckets[0]).toMatchObject({ bucket: 'uploads', objects: 2500, bytes, pages: 3 });
  });

  it('puts counts and bytes per prefix: top-level folders of uploads, rendition names of renditions', async () => {
    s3Mock.on(ListObjectsV2Command, { Bucket: 'uploads' }).resolves({
      Contents: objects(
        ['uploads/a/1.jpg', 'uploads/b/2.png', 'tmp/x.bin', 'notes.txt'],
        (i) => 100 * (i + 1),
      ),
    });
    s3Mock.on(ListObjectsV2Command, { Bucket: 'renditions' }).resolves({
      Contents: objects(
        ['i1/v1/thumb.jpg', 'i1/v1/thumb.webp', 'i1/v1/small.jpg', 'i1/v1/large.webp', 'stray.txt'],
        (i) => i + 1,
      ),
    });

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

describe('collectBucketMetrics: empty buckets and failures', () => {
  it('reports zero for empty buckets, with units and one timestamp for the whole run', async () => {
    const { logger, result } = run();
    const summary = await result;

    expect(putValue('NumberOfObjects', { BucketName: 'uploads' })).toBe(0);
    expect(putValue('BucketSizeBytes', { BucketName: 'renditions' })).toBe(0);
    expect(putValue('NumberOfObjects', { BucketName: 'uploads', Prefix: 'uploads/' })).toBe(0);
    expect(putValue('NumberOfObjects', { BucketName: 'renditions', Prefix: 'renditions/large' })).toBe(0);
    const data = putData();
    // 2 buckets + 1 uploads prefix + 4 rendition names, two metrics each.
    expect(data).toHaveLength(14);
    expect(new Set(data.map((d) => d.Timestamp?.toISOString()))).toEqual(new Set([now.toISOString()]));
    for (const d of data) expect(d.Unit).toBe(d.MetricName === 'NumberOfObjects' ? 'Count' : 'Bytes');
    expect(cloudwatchMock.commandCalls(PutMetricDataCommand)[0]?.args[0].input.Namespace).toBe('CustomS3');
    expect(summary).toMatchObject({
      namespace: 'CustomS3',
      metrics: 14,
      calls: 1,
      timestamp: now.toISOString(),
    });
    expect(logger.info).toHaveBeenCalledWith('Bucket metrics put', expect.objectContaining({ metrics: 14 }));
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
