import { ConfigError } from '@pipeline/aws';

/** What bucket-counters reads from its environment besides the pipeline's config. */
export interface CountersConfig {
  /** The bucket-counters table (COUNTERS_TABLE): ledgers and counter shards. */
  countersTable: string;
}

/**
 * Reads COUNTERS_TABLE (required; Terraform sets it on every function).
 *
 * @throws {ConfigError} when it is missing.
 */
export function readCountersConfig(env: Record<string, string | undefined> = process.env): CountersConfig {
  const countersTable = env.COUNTERS_TABLE?.trim() ?? '';
  if (countersTable === '') {
    throw new ConfigError('Invalid environment: COUNTERS_TABLE is required', ['COUNTERS_TABLE']);
  }
  return { countersTable };
}
