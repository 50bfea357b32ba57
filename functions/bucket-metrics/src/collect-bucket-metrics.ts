import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Log } from '@pipeline/aws';
import type { BucketMetricsConfig } from './config.js';
import { putMetricData, toMetricData } from './metric-data.js';
import { renditionsGrouping, type Tally, uploadsGrouping } from './prefix-groups.js';
import { tallyBucket } from './tally-bucket.js';

/** What {@link collectBucketMetrics} needs; the handler creates it once. */
export interface BucketMetricsDeps {
  s3: S3Client;
  cloudwatch: CloudWatchClient;
  config: BucketMetricsConfig;
  logger: Log;
  /** Clock (tests). */
  now?: () => Date;
}

/** What one run put: also the handler's result, which `make metrics` prints. */
export interface BucketMetricsSummary {
  namespace: string;
  /** The one timestamp of every metric of the run (ISO 8601). */
  timestamp: string;
  /** Metrics put, and the PutMetricData calls it took. */
  metrics: number;
  calls: number;
  buckets: Array<{
    bucket: string;
    objects: number;
    bytes: number;
    pages: number;
    prefixes: Record<string, Tally>;
  }>;
}

/**
 * Counts the objects and bytes of the uploads and renditions buckets (per
 * bucket and per Prefix value) and puts them into CloudWatch under one
 * timestamp, taken when the run starts. Both buckets are listed completely
 * before anything is put, so a failed listing puts nothing rather than a
 * partial count.
 *
 * @throws the SDK error of a failed listing or PutMetricData (EventBridge retries the run).
 */
export async function collectBucketMetrics(deps: BucketMetricsDeps): Promise<BucketMetricsSummary> {
  const { s3, cloudwatch, config, logger } = deps;
  const timestamp = (deps.now ?? (() => new Date()))();
  const tallies = await Promise.all([
    tallyBucket(s3, config.uploadsBucket, uploadsGrouping),
    tallyBucket(s3, config.renditionsBucket, renditionsGrouping),
  ]);
  const data = toMetricData(tallies, timestamp);
  const calls = await putMetricData(cloudwatch, config.namespace, data);
  const summary: BucketMetricsSummary = {
    namespace: config.namespace,
    timestamp: timestamp.toISOString(),
    metrics: data.length,
    calls,
    buckets: tallies.map(({ bucket, objects, bytes, pages, prefixes }) => ({
      bucket,
      objects,
      bytes,
      pages,
      prefixes: Object.fromEntries(prefixes),
    })),
  };
  // `timestamp` is a key Powertools Logger reserves for the log line's own time.
  const { timestamp: metricsTimestamp, ...rest } = summary;
  logger.info('Bucket metrics put', { ...rest, metricsTimestamp });
  return summary;
}
