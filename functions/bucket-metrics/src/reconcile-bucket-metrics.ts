import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { Contribution, CounterState } from '@pipeline/store';
import { asContribution } from './counter-tallies.js';
import { type PrefixGrouping, renditionsGrouping, uploadsGrouping, zero } from './prefix-groups.js';
import { type BucketMetricsDeps, type BucketMetricsSummary, type Drift, putTallies } from './put-summary.js';
import { type ListedBucket, tallyBucket } from './tally-bucket.js';

/**
 * The daily run: lists both buckets in full (today's listing, ~1,000 LIST
 * calls per million objects), and
 * - stores what the pipeline does not manage (other folders, root keys,
 *   stray rendition keys) as the snapshot the 5-minute runs report it from;
 * - compares each managed Prefix value with the counters (plus the offset):
 *   the difference is logged and put as `CounterDrift` / `CounterDriftBytes`;
 * - corrects the offset (listing minus counters) only when no counter moved
 *   during the listing (the shards' change stamps read before and after are
 *   equal, and are checked again in the write's transaction); otherwise an
 *   image was in flight, its share of the listing is uncertain, and the
 *   correction waits for the next day;
 * - puts the standard metrics from the listing itself.
 *
 * @throws the SDK error of a failed listing, Query, transaction or PutMetricData.
 */
export async function reconcileBucketMetrics(deps: BucketMetricsDeps): Promise<BucketMetricsSummary> {
  const { s3, config, counters, logger } = deps;
  const timestamp = (deps.now ?? (() => new Date()))();
  const before = await counters.read();
  const listed = await Promise.all([
    tallyBucket(s3, config.uploadsBucket, uploadsGrouping),
    tallyBucket(s3, config.renditionsBucket, renditionsGrouping),
  ]);
  const after = await counters.read();
  const stable = before.stamps.every((changes, shard) => after.stamps[shard] === changes);

  const [uploads, renditions] = listed as [ListedBucket, ListedBucket];
  const drift = [
    ...driftOf(uploads, uploadsGrouping, after),
    ...driftOf(renditions, renditionsGrouping, after),
  ];
  const offset: Contribution = {};
  for (const [bucket, grouping] of [
    [uploads, uploadsGrouping],
    [renditions, renditionsGrouping],
  ] as const) {
    for (const name of grouping.always) {
      const listedTally = bucket.managed.get(name) ?? zero();
      const counted = after.counters[name] ?? zero();
      const objects = listedTally.objects - counted.objects;
      const bytes = listedTally.bytes - counted.bytes;
      if (objects !== 0 || bytes !== 0) offset[name] = { objects, bytes };
    }
  }
  const corrected = await counters.storeReconcile(
    {
      uploads: asContribution(uploads.unmanaged),
      renditions: asContribution(renditions.unmanaged),
      listedAt: timestamp.toISOString(),
    },
    stable ? { offset, stamps: after.stamps } : undefined,
  );
  const drifted = drift.filter((d) => d.objects !== 0 || d.bytes !== 0);
  const log = { drift: drifted, corrected, stable, offset };
  if (drifted.length > 0) logger.warn('Bucket counters drifted from the listing', log);
  else logger.info('Bucket counters match the listing', log);
  if (drifted.length > 0 && !corrected) {
    logger.warn('Counters moved during the listing: the correction waits for the next reconcile');
  }
  return putTallies(deps, listed, timestamp, {
    mode: 'reconcile',
    drift,
    corrected,
    extra: driftMetrics(drift, timestamp),
  });
}

/** Listing minus (counters + offset), per managed Prefix value of one bucket. */
function driftOf(listed: ListedBucket, grouping: PrefixGrouping, state: CounterState): Drift[] {
  return grouping.always.map((prefix) => {
    const l = listed.managed.get(prefix) ?? zero();
    const counted = state.counters[prefix] ?? zero();
    const offset = state.offset[prefix] ?? zero();
    return {
      bucket: listed.bucket,
      prefix,
      objects: l.objects - counted.objects - offset.objects,
      bytes: l.bytes - counted.bytes - offset.bytes,
    };
  });
}

/** `CounterDrift` (Count) and `CounterDriftBytes` (Bytes) per managed Prefix value. */
function driftMetrics(drift: readonly Drift[], timestamp: Date): MetricDatum[] {
  return drift.flatMap((d) => {
    const dimensions = [
      { Name: 'BucketName', Value: d.bucket },
      { Name: 'Prefix', Value: d.prefix },
    ];
    return [
      {
        MetricName: 'CounterDrift',
        Unit: 'Count',
        Value: d.objects,
        Dimensions: dimensions,
        Timestamp: timestamp,
      },
      {
        MetricName: 'CounterDriftBytes',
        Unit: 'Bytes',
        Value: d.bytes,
        Dimensions: dimensions,
        Timestamp: timestamp,
      },
    ] satisfies MetricDatum[];
  });
}
