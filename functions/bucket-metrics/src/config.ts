import { ConfigError } from '@pipeline/aws';

/** What bucket-metrics reads from its environment. */
export interface BucketMetricsConfig {
  uploadsBucket: string;
  renditionsBucket: string;
  /** The bucket-counters table (COUNTERS_TABLE): the counters bucket-counters keeps, the reconcile's snapshot. */
  countersTable: string;
  /** CloudWatch namespace of the metrics (METRICS_NAMESPACE, default CustomS3). */
  namespace: string;
}

/** Default CloudWatch namespace (the manifest sets METRICS_NAMESPACE to it too). */
export const DEFAULT_METRICS_NAMESPACE = 'CustomS3';

/**
 * Reads UPLOADS_BUCKET, RENDITIONS_BUCKET and COUNTERS_TABLE (required) and
 * METRICS_NAMESPACE (default CustomS3). Only these: the function needs no
 * images table or topic.
 *
 * @throws {ConfigError} naming every missing variable.
 */
export function readBucketMetricsConfig(
  env: Record<string, string | undefined> = process.env,
): BucketMetricsConfig {
  const value = (name: string) => env[name]?.trim() ?? '';
  const missing = ['UPLOADS_BUCKET', 'RENDITIONS_BUCKET', 'COUNTERS_TABLE'].filter(
    (name) => value(name) === '',
  );
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid environment: ${missing.map((m) => `${m} is required`).join('; ')}`,
      missing,
    );
  }
  return {
    uploadsBucket: value('UPLOADS_BUCKET'),
    renditionsBucket: value('RENDITIONS_BUCKET'),
    countersTable: value('COUNTERS_TABLE'),
    namespace: value('METRICS_NAMESPACE') || DEFAULT_METRICS_NAMESPACE,
  };
}
