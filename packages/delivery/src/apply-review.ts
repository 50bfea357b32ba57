import type { ImageRecord } from '@pipeline/domain';
import type { ImagesStore } from '@pipeline/store';
import type { DeliveryDeps } from './delivery-deps.js';
import { restoreImage } from './restore-image.js';
import { withdrawImage } from './withdraw-image.js';

/** What a review did to delivery. */
export type DeliveryChange =
  /** Rejected: renditions deleted and purged from the CDN. */
  | 'withdrawn'
  /** Approved (or approved meanwhile): a re-render was requested for missing renditions. */
  | 'restored'
  /** Nothing to do (approved with every rendition in place, or not PROCESSED yet). */
  | 'unchanged';

/**
 * Carries the review stored on `record` to delivery. A rejection withdraws
 * the image ({@link withdrawImage}); an approval restores it ({@link restoreImage}).
 *
 * Reviews arrive in any order and at least once, so both directions re-check
 * after acting: once the purge is done the record is read again, and if an
 * approval landed meanwhile (its re-render may just have been deleted) the
 * image is restored again. Resize does the mirror image: a re-render that
 * finds the image rejected once written removes what it wrote. Whichever
 * finishes last sees the final review, so delivery converges on it.
 *
 * @throws AWS SDK errors (transient), so the message is retried.
 */
export async function applyReviewToDelivery(
  deps: DeliveryDeps,
  store: Pick<ImagesStore, 'get'>,
  record: ImageRecord,
): Promise<DeliveryChange> {
  const decision = record.review?.decision;
  if (decision === 'REJECTED') {
    await withdrawImage(deps, record.imageId);
    const current = await store.get(record.imageId);
    if (current && current.review?.decision !== 'REJECTED' && (await restoreImage(deps, current))) {
      return 'restored';
    }
    return 'withdrawn';
  }
  if (decision === 'APPROVED' && (await restoreImage(deps, record))) return 'restored';
  return 'unchanged';
}
