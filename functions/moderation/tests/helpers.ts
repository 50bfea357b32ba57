import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { DeliveryDeps } from '@pipeline/delivery';
import { deps } from '@pipeline/testing';

export * from '@pipeline/testing';

/** A moderation message body as an integration publishes it; `overrides` replace top-level fields. */
export function moderationBody(
  id: string,
  update: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): string {
  return JSON.stringify({ id, date: '2024-05-06T07:08:09.000Z', update, ...overrides });
}

/** The renditions distribution the unit tests purge. */
export const DISTRIBUTION_ID = 'E2TESTDIST';

/** {@link deps} plus the CDN the moderation function purges. */
export function moderationDeps(): ReturnType<typeof deps> & DeliveryDeps {
  return {
    ...deps(),
    cdn: { cloudfront: new CloudFrontClient({ region: 'us-east-1' }), distributionId: DISTRIBUTION_ID },
  };
}
