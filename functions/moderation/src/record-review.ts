import { applyReviewToDelivery, type DeliveryChange, type DeliveryDeps } from '@pipeline/delivery';
import { UnknownImageError } from '@pipeline/domain';
import { eventFields, ImageEventType, publishEvent } from '@pipeline/events';
import { ConcurrentUpdateError, type ImagesStore } from '@pipeline/store';
import { ImageNotReviewableError } from './errors.js';
import type { ModerationReview } from './moderation-message.js';

/** What the moderation service receives: the delivery deps (clients, config, CDN) and the images store. */
export type ModerationDeps = DeliveryDeps & { store: ImagesStore };

/** What one moderation message did. */
export type ModerationOutcome =
  /** The review is stored (again, for a redelivery) and image.reviewed published. */
  | 'reviewed'
  /** A review with a later date is already stored: nothing changed, nothing published. */
  | 'stale';

/**
 * Records the review of a moderation message (Pass -> APPROVED, Reject ->
 * REJECTED; only ACCEPTED or PROCESSED images; status does not change), carries
 * it to delivery (a rejection deletes the renditions and purges them from the
 * CDN, an approval re-renders what a rejection removed: see
 * applyReviewToDelivery), then publishes `image.reviewed` so the owner is told.
 * The API's POST /images/{id}/review records the review and publishes it here
 * as a moderation message, so every review reaches delivery through this one place.
 *
 * Delivery is at-least-once and unordered, so the review applies only when no
 * later-dated one is stored: a redelivery applies again and publishes again
 * (consumers dedupe on type, imageId, version and reviewedAt), an older message
 * changes nothing.
 *
 * @throws {UnknownImageError | ImageNotReviewableError} (permanent) for a missing or unreviewable image.
 * @throws {ConcurrentUpdateError} and AWS SDK errors (transient) so the message is retried.
 */
export async function recordReview(
  { imageId, review }: ModerationReview,
  deps: ModerationDeps,
): Promise<ModerationOutcome> {
  const { clients, config, logger, store } = deps;
  const result = await store.recordReviewInOrder(imageId, review);
  if (!result.applied) {
    const current = result.record;
    if (!current) throw new UnknownImageError(imageId);
    if (current.status !== 'ACCEPTED' && current.status !== 'PROCESSED')
      throw new ImageNotReviewableError(imageId, current.status);
    const storedAt = current.review?.reviewedAt;
    // Refused although nothing later is stored: the record changed between write and read.
    if (!storedAt || storedAt <= review.reviewedAt) throw new ConcurrentUpdateError(imageId);
    logger.info('Ignoring a review older than the stored one', {
      imageId,
      reviewedAt: review.reviewedAt,
      storedReviewedAt: storedAt,
    });
    return 'stale';
  }
  const record = result.record;
  const delivery: DeliveryChange = await applyReviewToDelivery(deps, store, record);
  await publishEvent(clients.sns, config.eventsTopicArn, {
    type: ImageEventType.REVIEWED,
    ...eventFields({ ...record, version: record.version ?? '' }, new Date(review.reviewedAt)),
    ...review,
  });
  logger.info('Image reviewed', { imageId, decision: review.decision, reviewer: review.reviewer, delivery });
  return 'reviewed';
}
