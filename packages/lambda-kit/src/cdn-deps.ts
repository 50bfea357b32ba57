import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { createClient } from '@pipeline/aws';
import { type Cdn, readDistributionId } from '@pipeline/delivery';
import type { QueueDeps } from './queue-deps.js';

/**
 * For the kit's `deps` hook of a function that purges the CDN: `base` plus the
 * distribution in front of the renditions (RENDITIONS_DISTRIBUTION_ID) and a
 * CloudFront client. A separate entry point (`@pipeline/lambda-kit/cdn`), so
 * only those functions bundle the CloudFront client.
 */
export function withCdn(base: QueueDeps): QueueDeps & { cdn: Cdn } {
  return {
    ...base,
    cdn: {
      cloudfront: createClient(CloudFrontClient, 'cloudfront', process.env, { logger: base.logger }),
      distributionId: readDistributionId(),
    },
  };
}
