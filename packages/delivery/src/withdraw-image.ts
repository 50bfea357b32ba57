import { randomUUID } from 'node:crypto';
import type { DeliveryDeps } from './delivery-deps.js';
import { type Invalidation, invalidateImages } from './invalidate-images.js';
import { purgeRenditions } from './purge-renditions.js';

/** What {@link withdrawImage} did. */
export interface Withdrawal {
  /** Rendition objects deleted from the bucket. */
  purged: number;
  invalidations: Invalidation[];
}

/**
 * Takes an image off public delivery: deletes every rendition under
 * `<imageId>/` (all versions) from the renditions bucket, then purges
 * `/<imageId>/*` from the CDN. Safe to repeat: a second run deletes nothing
 * and invalidates again (one more billed path), which a retry needs, since
 * the first run may have failed between the two steps.
 *
 * The bucket goes first: an edge that misses after the invalidation must find
 * nothing to cache again.
 *
 * @throws AWS SDK errors (transient: S3, or CloudFront's TooManyInvalidationsInProgress).
 */
export async function withdrawImage(deps: DeliveryDeps, imageId: string): Promise<Withdrawal> {
  const { clients, config, cdn } = deps;
  const purged = await purgeRenditions(clients.s3, config.renditionsBucket, imageId);
  const invalidations = cdn.distributionId
    ? await invalidateImages(
        cdn.cloudfront,
        cdn.distributionId,
        [imageId],
        `withdraw-${imageId}-${randomUUID()}`,
      )
    : [];
  deps.logger.info('Image withdrawn from delivery', {
    imageId,
    purged,
    invalidations: invalidations.map((i) => i.id),
  });
  return { purged, invalidations };
}
