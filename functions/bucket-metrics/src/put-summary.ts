import type { CloudWatchClient, MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Log } from '@pipeline/aws';
import type { BucketCountersStore } from '@pipeline/store';
import type { BucketMetricsConfig } from './config.js';
import { putMetricData, toMetricData } from './metric-data.js';
import type { Tally } from './prefix-groups.js';
import type { BucketTally } from './tally-bucket.js';

/** What a run needs; the handler creates it once. */
export interface BucketMetricsDeps {
  s3: S3Client;
  cloudwatch: CloudWatchClient;
  counters: Pick<BucketCountersStore, 'read' | 'storeReconcile'>;
  config: BucketMetricsConfig;
  logger: Log;
  /** Clock (tests). */
  now?: () => Date;
}

/** One managed Prefix value's drift: the listing minus what the counters (with the offset) reported. */
export interface Drift extends Tally {
  bucket: string;
  prefix: string;
}

/** What one run put: also the handler's result, which `make metrics` prints. */
export interface BucketMetricsSummary {
  /** `counters`: the 5-minute run (no listing); `reconcile`: the daily full listing. */
  mode: 'counters' | 'reconcile';
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
  /** Reconcile only: every managed Prefix value's drift (zero when the counters were exact). */
  drift?: Drift[];
  /** Reconcile only: whether the offset was corrected (false: a counter moved during the listing). */
  corrected?: boolean;
}

/**
 * Puts the standard metrics of `tallies` (and `extra`) under one timestamp,
 * logs and returns the run's summary.
 *
 * @throws the SDK error of a failed PutMetricData.
 */
export async function putTallies(
  deps: BucketMetricsDeps,
  tallies: readonly BucketTally[],
  timestamp: Date,
  run: Pick<BucketMetricsSummary, 'mode' | 'drift' | 'corrected'> & { extra?: MetricDatum[] },
): Promise<BucketMetricsSummary> {
  const { cloudwatch, config, logger } = deps;
  const data = [...toMetricData(tallies, timestamp), ...(run.extra ?? [])];
  const calls = await putMetricData(cloudwatch, config.namespace, data);
  const summary: BucketMetricsSummary = {
    mode: run.mode,
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
    ...(run.drift ? { drift: run.drift } : {}),
    ...(run.corrected !== undefined ? { corrected: run.corrected } : {}),
  };
  // `timestamp` is a key Powertools Logger reserves for the log line's own time.
  const { timestamp: metricsTimestamp, ...rest } = summary;
  logger.info('Bucket metrics put', { ...rest, metricsTimestamp });
  return summary;
}
