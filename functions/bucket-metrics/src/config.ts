import { ConfigError } from '@pipeline/aws';

/** What bucket-metrics reads from its environment. */
export interface BucketMetricsConfig {
  uploadsBucket: string;
  renditionsBucket: string;
  /** The bucket-counters table (COUNTERS_TABLE): the counters bucket-counters keeps, the reconcile's snapshot. */
  countersTable: string;
  /** The images table (IMAGES_TABLE): the reconcile reads the record of an image whose counters drifted. */
  imagesTable: string;
  /** CloudWatch namespace of the metrics (METRICS_NAMESPACE, default CustomS3). */
  namespace: string;
  /**
   * How long the reconcile treats an image as in flight after its last change
   * (RECONCILE_SETTLE_SECONDS, default {@link DEFAULT_SETTLE_SECONDS}), in ms.
   */
  settleWindowMs: number;
}

/** Default CloudWatch namespace (the manifest sets METRICS_NAMESPACE to it too). */
export const DEFAULT_METRICS_NAMESPACE = 'CustomS3';

/**
 * The reconcile's settle window. A change that already reached the image's
 * record but not its ledger is seen however long it waits (the ledger differs
 * from the record); this window covers what comes before the record changes:
 * S3 delivers most event notifications within seconds but some "a minute or
 * longer", and ingest's queue retries a failed receive after its visibility
 * timeout (6 x the 30 s function timeout) up to 5 receives, about 12 minutes
 * before the event is dead-lettered. 15 minutes covers that; an image that is
 * really wrong stays wrong, and the next day's reconcile corrects it.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
 */
export const DEFAULT_SETTLE_SECONDS = 15 * 60;

/**
 * Reads UPLOADS_BUCKET, RENDITIONS_BUCKET, COUNTERS_TABLE and IMAGES_TABLE
 * (required), METRICS_NAMESPACE (default CustomS3) and
 * RECONCILE_SETTLE_SECONDS (default 900; tests on a quiet stack set 0).
 *
 * @throws {ConfigError} naming every missing variable, or a settle window that is not a number of seconds.
 */
export function readBucketMetricsConfig(
  env: Record<string, string | undefined> = process.env,
): BucketMetricsConfig {
  const value = (name: string) => env[name]?.trim() ?? '';
  const missing = ['UPLOADS_BUCKET', 'RENDITIONS_BUCKET', 'COUNTERS_TABLE', 'IMAGES_TABLE'].filter(
    (name) => value(name) === '',
  );
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid environment: ${missing.map((m) => `${m} is required`).join('; ')}`,
      missing,
    );
  }
  const settle = value('RECONCILE_SETTLE_SECONDS');
  const settleSeconds = settle === '' ? DEFAULT_SETTLE_SECONDS : Number(settle);
  if (!Number.isFinite(settleSeconds) || settleSeconds < 0) {
    throw new ConfigError(
      `Invalid environment: RECONCILE_SETTLE_SECONDS must be a number of seconds, got "${settle}"`,
      ['RECONCILE_SETTLE_SECONDS'],
    );
  }
  return {
    uploadsBucket: value('UPLOADS_BUCKET'),
    renditionsBucket: value('RENDITIONS_BUCKET'),
    countersTable: value('COUNTERS_TABLE'),
    imagesTable: value('IMAGES_TABLE'),
    namespace: value('METRICS_NAMESPACE') || DEFAULT_METRICS_NAMESPACE,
    settleWindowMs: settleSeconds * 1000,
  };
}
