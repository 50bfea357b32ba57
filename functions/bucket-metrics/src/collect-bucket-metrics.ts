import { talliesFromCounters } from './counter-tallies.js';
import { renditionsGrouping, uploadsGrouping } from './prefix-groups.js';
import { type BucketMetricsDeps, type BucketMetricsSummary, putTallies } from './put-summary.js';
import { reconcileBucketMetrics } from './reconcile-bucket-metrics.js';

export type { BucketMetricsDeps, BucketMetricsSummary } from './put-summary.js';

/**
 * The 5-minute run: puts the object count and bytes of the uploads and
 * renditions buckets (per bucket and per Prefix value) without listing them.
 * The Prefix values the pipeline manages come from the counters
 * bucket-counters keeps from the image events (plus the last reconcile's
 * offset), the others from the last daily reconcile's listing; one Query reads
 * both, so a run costs the same at a thousand objects or ten million.
 * Before the first reconcile (a new stack) it reconciles instead.
 *
 * @throws the SDK error of a failed Query or PutMetricData (EventBridge retries the run).
 */
export async function collectBucketMetrics(deps: BucketMetricsDeps): Promise<BucketMetricsSummary> {
  const { config, counters, logger } = deps;
  const timestamp = (deps.now ?? (() => new Date()))();
  const state = await counters.read();
  if (!state.snapshot) {
    logger.info('No reconcile has run yet: listing the buckets once to count what the counters do not');
    return reconcileBucketMetrics(deps);
  }
  const tallies = [
    talliesFromCounters(state, {
      bucket: config.uploadsBucket,
      grouping: uploadsGrouping,
      unmanaged: state.snapshot.uploads,
    }),
    talliesFromCounters(state, {
      bucket: config.renditionsBucket,
      grouping: renditionsGrouping,
      unmanaged: state.snapshot.renditions,
    }),
  ];
  return putTallies(deps, tallies, timestamp, { mode: 'counters' });
}
