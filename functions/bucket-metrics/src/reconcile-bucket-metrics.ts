import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { CounterState } from '@pipeline/store';
import { asContribution } from './counter-tallies.js';
import { ImageTallies } from './image-tallies.js';
import { type PrefixGrouping, renditionsGrouping, uploadsGrouping, zero } from './prefix-groups.js';
import { type BucketMetricsDeps, type BucketMetricsSummary, type Drift, putTallies } from './put-summary.js';
import { settleDrift } from './settle-drift.js';
import { type ListedBucket, tallyBucket } from './tally-bucket.js';

/**
 * The daily run: lists both buckets in full (today's listing, ~1,000 LIST
 * calls per million objects), tallying the managed keys per image too, and
 * - stores what the pipeline does not manage (other folders, root keys,
 *   stray rendition keys) as the snapshot the 5-minute runs report it from;
 * - compares each managed Prefix value with the counters (plus the offset):
 *   the difference is logged and put as `CounterDrift` / `CounterDriftBytes`;
 * - recomputes the offset from scratch, image by image (settle-drift.ts):
 *   the sum of the drift (listing minus ledger) of the images with nothing in
 *   flight. An image changed within the settle window, or whose record says
 *   other than its ledger, is left out: its event is still on its way, and
 *   the counters will count it once it lands.
 * - puts the standard metrics from the listing itself.
 *
 * The offset is stored without checking that the counters' change stamps
 * held still during the listing (as an earlier version did): with real
 * traffic they never do during a listing of minutes, and the images that
 * moved are already left out of the offset one by one. What an image
 * settled at the Scan does after it shows in the next day's offset.
 *
 * @throws the SDK error of a failed listing, Query, Scan, GetItem, transaction or PutMetricData.
 */
export async function reconcileBucketMetrics(deps: BucketMetricsDeps): Promise<BucketMetricsSummary> {
  const { s3, config, counters, logger } = deps;
  const timestamp = (deps.now ?? (() => new Date()))();
  const images = new ImageTallies([...uploadsGrouping.always, ...renditionsGrouping.always]);
  const listed = await Promise.all([
    tallyBucket(s3, config.uploadsBucket, uploadsGrouping, images),
    tallyBucket(s3, config.renditionsBucket, renditionsGrouping, images),
  ]);
  const state = await counters.read();
  const verdicts = await settleDrift(images, {
    ledgers: counters.scanLedgers(),
    images: deps.images,
    cutoff: timestamp.getTime() - config.settleWindowMs,
  });

  const [uploads, renditions] = listed as [ListedBucket, ListedBucket];
  const drift = [
    ...driftOf(uploads, uploadsGrouping, state),
    ...driftOf(renditions, renditionsGrouping, state),
  ];
  const corrected = await counters.storeReconcile(
    {
      uploads: asContribution(uploads.unmanaged),
      renditions: asContribution(renditions.unmanaged),
      listedAt: timestamp.toISOString(),
    },
    { offset: verdicts.offset },
  );
  const drifted = drift.filter((d) => d.objects !== 0 || d.bytes !== 0);
  // How many drifted images were left out as in flight, and which ones the offset now covers for.
  const log = {
    drift: drifted,
    corrected,
    offset: verdicts.offset,
    inFlight: verdicts.inFlight,
    settled: verdicts.settled,
    firstSettled: verdicts.settledIds,
  };
  if (drifted.length > 0) logger.warn('Bucket counters drifted from the listing', log);
  else logger.info('Bucket counters match the listing', log);
  return putTallies(deps, listed, timestamp, {
    mode: 'reconcile',
    drift,
    corrected,
    images: { inFlight: verdicts.inFlight, settled: verdicts.settled, settledIds: verdicts.settledIds },
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
