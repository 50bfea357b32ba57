import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { deps } from '@pipeline/testing';
import type { DeliveryDeps } from '../src/delivery-deps.js';

export { storedItem } from '@pipeline/testing';

/** The renditions distribution the unit tests purge. */
export const DISTRIBUTION_ID = 'E2TESTDIST';

/** Unit-test deps with a CDN (clients to be faked with aws-sdk-client-mock). */
export function deliveryDeps(distributionId: string | null = DISTRIBUTION_ID): DeliveryDeps {
  return {
    ...deps(),
    cdn: {
      cloudfront: new CloudFrontClient({ region: 'us-east-1' }),
      distributionId: distributionId ?? undefined,
    },
  };
}
