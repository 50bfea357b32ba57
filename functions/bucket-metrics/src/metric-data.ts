import { type CloudWatchClient, type MetricDatum, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { BucketTally } from './tally-bucket.js';

/** PutMetricData accepts at most this many metrics per call. */
export const PUT_BATCH_SIZE = 1000;

/**
 * The metrics of one run, all stamped `timestamp`: per bucket
 * `NumberOfObjects` (Count) and `BucketSizeBytes` (Bytes) with dimension
 * BucketName, and the same per Prefix value with dimensions BucketName + Prefix.
 */
export function toMetricData(tallies: readonly BucketTally[], timestamp: Date): MetricDatum[] {
  const pair = (dimensions: MetricDatum['Dimensions'], objects: number, bytes: number): MetricDatum[] => [
    {
      MetricName: 'NumberOfObjects',
      Unit: 'Count',
      Value: objects,
      Dimensions: dimensions,
      Timestamp: timestamp,
    },
    {
      MetricName: 'BucketSizeBytes',
      Unit: 'Bytes',
      Value: bytes,
      Dimensions: dimensions,
      Timestamp: timestamp,
    },
  ];
  return tallies.flatMap((tally) => {
    const bucket = { Name: 'BucketName', Value: tally.bucket };
    return [
      ...pair([bucket], tally.objects, tally.bytes),
      ...[...tally.prefixes].flatMap(([prefix, group]) =>
        pair([bucket, { Name: 'Prefix', Value: prefix }], group.objects, group.bytes),
      ),
    ];
  });
}

/**
 * Puts `data` into `namespace` in calls of at most {@link PUT_BATCH_SIZE} metrics.
 *
 * @returns the number of PutMetricData calls made.
 * @throws the SDK error of a failed call (the SDK has already retried throttling and 5xx).
 */
export async function putMetricData(
  cloudwatch: CloudWatchClient,
  namespace: string,
  data: readonly MetricDatum[],
): Promise<number> {
  let calls = 0;
  for (let start = 0; start < data.length; start += PUT_BATCH_SIZE) {
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: namespace,
        MetricData: data.slice(start, start + PUT_BATCH_SIZE),
      }),
    );
    calls += 1;
  }
  return calls;
}
