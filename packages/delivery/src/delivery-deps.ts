import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { ServiceDeps } from '@pipeline/aws';

/** The CDN in front of the renditions bucket. */
export interface Cdn {
  cloudfront: CloudFrontClient;
  /**
   * RENDITIONS_DISTRIBUTION_ID; undefined when no distribution serves the
   * renditions (then nothing is cached to purge, and nothing is invalidated).
   */
  distributionId: string | undefined;
}

/** What the delivery services need: the pipeline's clients and config, plus the CDN. */
export type DeliveryDeps = Pick<ServiceDeps, 'clients' | 'config' | 'logger'> & { cdn: Cdn };

/** RENDITIONS_DISTRIBUTION_ID from `env`, undefined when unset or empty. */
export function readDistributionId(
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const value = env.RENDITIONS_DISTRIBUTION_ID?.trim();
  return value ? value : undefined;
}
