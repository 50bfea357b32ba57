import { type CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';

/**
 * Wildcard paths one CreateInvalidation carries at most. CloudFront lets 15
 * wildcard paths be in progress per distribution at a time (3,000 for exact
 * file paths), so one request with more would always fail with
 * TooManyInvalidationsInProgress, and at most this many paths can be retried
 * together. A delete batch (10 messages) fits in one request.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/InvalidationLimits.html
 */
export const MAX_WILDCARD_PATHS_PER_INVALIDATION = 15;

/** The CDN path that covers every rendition of an image, all versions: `/<imageId>/*` (one billed path). */
export function imagePath(imageId: string): string {
  return `/${imageId}/*`;
}

/** One CreateInvalidation that was accepted. */
export interface Invalidation {
  id: string;
  paths: string[];
}

/**
 * Purges every rendition of `imageIds` from the CDN's caches: one wildcard path
 * per image (duplicates dropped), in as few CreateInvalidation calls as the
 * wildcard limit allows ({@link MAX_WILDCARD_PATHS_PER_INVALIDATION} paths each).
 *
 * @param callerReference - unique per attempt (e.g. the request or batch id). CloudFront
 *   answers a repeated reference with the first invalidation; each chunk adds its index.
 * @returns the invalidations created, in order.
 * @throws the SDK error of the first call that fails (TooManyInvalidationsInProgress and
 *   throttling are transient: the caller retries the messages behind the paths).
 */
export async function invalidateImages(
  cloudfront: CloudFrontClient,
  distributionId: string,
  imageIds: readonly string[],
  callerReference: string,
): Promise<Invalidation[]> {
  const paths = [...new Set(imageIds)].map(imagePath);
  const created: Invalidation[] = [];
  for (let start = 0; start < paths.length; start += MAX_WILDCARD_PATHS_PER_INVALIDATION) {
    const chunk = paths.slice(start, start + MAX_WILDCARD_PATHS_PER_INVALIDATION);
    const response = await cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: distributionId,
        InvalidationBatch: {
          CallerReference: `${callerReference}-${start / MAX_WILDCARD_PATHS_PER_INVALIDATION}`,
          Paths: { Quantity: chunk.length, Items: chunk },
        },
      }),
    );
    created.push({ id: response.Invalidation?.Id ?? '', paths: chunk });
  }
  return created;
}
