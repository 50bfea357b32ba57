import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { lambdaContext, stubLambdaEnv } from '@pipeline/testing';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBucketMetricsConfig } from '../src/config.js';

const s3Mock = mockClient(S3Client);
const cloudwatchMock = mockClient(CloudWatchClient);

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
let handler: (event: ScheduledEvent, context: Context) => Promise<{ namespace: string; metrics: number }>;

beforeAll(async () => {
  stubLambdaEnv({ UPLOADS_BUCKET: 'up', RENDITIONS_BUCKET: 'rend', METRICS_NAMESPACE: 'TestS3' });
  ({ handler } = await import('../src/handler.js'));
});

describe('bucket-metrics handler', () => {
  it('puts the metrics of both buckets into METRICS_NAMESPACE and returns what it put', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'uploads/a/1.jpg', Size: 5 }] });
    cloudwatchMock.on(PutMetricDataCommand).resolves({});

    const summary = await handler(event, context);

    const [call] = cloudwatchMock.commandCalls(PutMetricDataCommand);
    expect(call?.args[0].input.Namespace).toBe('TestS3');
    expect(
      s3Mock
        .commandCalls(ListObjectsV2Command)
        .map((c) => c.args[0].input.Bucket)
        .sort(),
    ).toEqual(['rend', 'up']);
    expect(summary).toMatchObject({ namespace: 'TestS3', metrics: call?.args[0].input.MetricData?.length });
  });
});

describe('readBucketMetricsConfig', () => {
  it('names every missing bucket variable', () => {
    expect(() => readBucketMetricsConfig({ RENDITIONS_BUCKET: ' ' })).toThrow(
      'UPLOADS_BUCKET is required; RENDITIONS_BUCKET is required',
    );
  });

  it('defaults the namespace to CustomS3', () => {
    expect(readBucketMetricsConfig({ UPLOADS_BUCKET: 'u', RENDITIONS_BUCKET: 'r' }).namespace).toBe(
      'CustomS3',
    );
  });
});
