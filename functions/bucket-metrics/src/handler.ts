import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createClient, type Log } from '@pipeline/aws';
import { scheduledHandler } from '@pipeline/lambda-kit';
import { BucketCountersStore } from '@pipeline/store';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { collectBucketMetrics } from './collect-bucket-metrics.js';
import { readBucketMetricsConfig } from './config.js';
import type { BucketMetricsDeps, BucketMetricsSummary } from './put-summary.js';
import { reconcileBucketMetrics } from './reconcile-bucket-metrics.js';

/** The input the daily EventBridge rule sends (its target's `input`), instead of a ScheduledEvent. */
export interface ReconcileEvent {
  mode: 'reconcile';
}

/** The deps of a run: only the clients it uses (createClients would bundle SNS too). */
function createDeps(logger: Log): BucketMetricsDeps {
  const config = readBucketMetricsConfig();
  const options = { logger };
  const dynamo = DynamoDBDocumentClient.from(createClient(DynamoDBClient, 'dynamodb', process.env, options));
  return {
    s3: createClient(S3Client, 's3', process.env, options),
    cloudwatch: createClient(CloudWatchClient, 'cloudwatch', process.env, options),
    counters: new BucketCountersStore(dynamo, config.countersTable),
    config,
    logger,
  };
}

// One invocation at a time per execution environment, so the mode of the current one can sit here.
let reconcileNow = false;
const run = scheduledHandler({
  serviceName: 'bucket-metrics',
  deps: createDeps,
  service: (deps: BucketMetricsDeps) =>
    reconcileNow ? reconcileBucketMetrics(deps) : collectBucketMetrics(deps),
});

/**
 * Whether an invocation is the daily reconcile: the rule's input `{ "mode": "reconcile" }`, or
 * BUCKET_METRICS_MODE=reconcile (how `make metrics MODE=reconcile` asks the local runtime, whose
 * scheduler sends only ScheduledEvents).
 */
export function isReconcile(event: unknown, env: Record<string, string | undefined> = process.env): boolean {
  return (
    (event as Partial<ReconcileEvent> | null)?.mode === 'reconcile' || env.BUCKET_METRICS_MODE === 'reconcile'
  );
}

/**
 * EventBridge handler: the 5-minute rule runs {@link collectBucketMetrics}
 * (counters, no listing), the daily rule {@link reconcileBucketMetrics}
 * (full listing). A failure throws, so the invoke is retried.
 */
export function handler(
  event: ScheduledEvent | ReconcileEvent,
  context: Context,
): Promise<BucketMetricsSummary> {
  reconcileNow = isReconcile(event);
  // The reconcile input carries no ScheduledEvent fields; the kit reads only `resources` and `time`, optionally.
  return run(event as ScheduledEvent, context);
}
