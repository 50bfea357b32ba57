import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { lambdaContext, stubLambdaEnv } from '@pipeline/testing';
import type { ScheduledEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBucketMetricsConfig } from '../src/config.js';

const s3Mock = mockClient(S3Client);
const cloudwatchMock = mockClient(CloudWatchClient);
const dynamoMock = mockClient(DynamoDBDocumentClient);

const event = {
  version: '0',
  id: 'e1',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2024-05-06T07:05:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:123456789012:rule/local-bucket-metrics'],
  detail: {},
} as ScheduledEvent;
const context = lambdaContext('bucket-metrics');
let handler: typeof import('../src/handler.js')['handler'];
let isReconcile: typeof import('../src/handler.js')['isReconcile'];

beforeAll(async () => {
  stubLambdaEnv({
    UPLOADS_BUCKET: 'up',
    RENDITIONS_BUCKET: 'rend',
    COUNTERS_TABLE: 'counters',
    METRICS_NAMESPACE: 'TestS3',
  });
  ({ handler, isReconcile } = await import('../src/handler.js'));
});

beforeEach(() => {
  s3Mock.reset();
  cloudwatchMock.reset();
  dynamoMock.reset();
  s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'uploads/a/1.jpg', Size: 5 }] });
  cloudwatchMock.on(PutMetricDataCommand).resolves({});
  dynamoMock.on(TransactWriteCommand).resolves({});
});

/** A reconcile has run: the 5-minute run reads only the counters. */
const reconciled = {
  pk: 'counters',
  sk: 'snapshot',
  uploads: {},
  renditions: {},
  listedAt: '2024-05-06T03:00:00Z',
};
const listedBuckets = () =>
  [...new Set(s3Mock.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input.Bucket))].sort();

describe('bucket-metrics handler', () => {
  it('puts the metrics from the counters into METRICS_NAMESPACE on the 5-minute rule, listing nothing', async () => {
    dynamoMock.on(QueryCommand).resolves({ Items: [reconciled] });
    const summary = await handler(event, context);

    const [call] = cloudwatchMock.commandCalls(PutMetricDataCommand);
    expect(call?.args[0].input.Namespace).toBe('TestS3');
    expect(listedBuckets()).toEqual([]);
    expect(summary).toMatchObject({
      mode: 'counters',
      namespace: 'TestS3',
      metrics: call?.args[0].input.MetricData?.length,
    });
  });

  it('lists both buckets on the daily rule, whose input is { mode: reconcile }', async () => {
    dynamoMock.on(QueryCommand).resolves({ Items: [reconciled] });
    const summary = await handler({ mode: 'reconcile' }, context);

    expect(listedBuckets()).toEqual(['rend', 'up']);
    expect(summary).toMatchObject({ mode: 'reconcile', namespace: 'TestS3' });
  });
});

describe('isReconcile', () => {
  it('is the daily input or BUCKET_METRICS_MODE=reconcile, never a plain scheduled event', () => {
    expect(isReconcile({ mode: 'reconcile' }, {})).toBe(true);
    expect(isReconcile(event, { BUCKET_METRICS_MODE: 'reconcile' })).toBe(true);
    expect(isReconcile(event, {})).toBe(false);
  });
});

describe('readBucketMetricsConfig', () => {
  it('names every missing bucket variable', () => {
    expect(() => readBucketMetricsConfig({ RENDITIONS_BUCKET: ' ' })).toThrow(
      'UPLOADS_BUCKET is required; RENDITIONS_BUCKET is required; COUNTERS_TABLE is required',
    );
  });

  it('defaults the namespace to CustomS3', () => {
    expect(
      readBucketMetricsConfig({ UPLOADS_BUCKET: 'u', RENDITIONS_BUCKET: 'r', COUNTERS_TABLE: 'c' }).namespace,
    ).toBe('CustomS3');
  });
});
