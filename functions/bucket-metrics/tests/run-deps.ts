/** The deps of a bucket-metrics run over mocked clients, and what tests read back of what it put. */
import { CloudWatchClient, type MetricDatum, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BucketCountersStore } from '@pipeline/store';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { expect, vi } from 'vitest';
import type { BucketMetricsDeps } from '../src/put-summary.js';

export const config = {
  uploadsBucket: 'uploads',
  renditionsBucket: 'renditions',
  countersTable: 'bucket-counters',
  namespace: 'CustomS3',
};
export const now = new Date('2024-05-06T07:08:09.000Z');

/** Deps over real SDK clients (mocked by the test) and an inspectable logger. */
export function runDeps() {
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  const deps: BucketMetricsDeps = {
    s3: new S3Client({ region: 'us-east-1' }),
    cloudwatch: new CloudWatchClient({ region: 'us-east-1' }),
    counters: new BucketCountersStore(dynamo, config.countersTable),
    config,
    logger,
    now: () => now,
  };
  return { deps, logger };
}

/** Every metric put, across all PutMetricData calls. */
export function putData(cloudwatch: AwsClientStub<CloudWatchClient>): MetricDatum[] {
  return cloudwatch.commandCalls(PutMetricDataCommand).flatMap((call) => call.args[0].input.MetricData ?? []);
}

/** The value put for `metric` with exactly these dimensions. */
export function putValue(
  cloudwatch: AwsClientStub<CloudWatchClient>,
  metric: string,
  dimensions: Record<string, string>,
): number | undefined {
  const wanted = JSON.stringify(Object.entries(dimensions).sort());
  const found = putData(cloudwatch).filter(
    (d) =>
      d.MetricName === metric &&
      JSON.stringify((d.Dimensions ?? []).map((x) => [x.Name, x.Value]).sort()) === wanted,
  );
  expect(found.length, `${metric} ${wanted} put ${found.length} times`).toBeLessThanOrEqual(1);
  return found[0]?.Value;
}
