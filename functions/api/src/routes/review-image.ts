import { publishModerationMessage } from '@pipeline/events';
import { findVisibleImage } from '../access.js';
import type { ApiDeps, ApiRequest, ApiResult } from '../deps.js';
import { ForbiddenError, ImageConflictError, ImageNotFoundError } from '../errors.js';
import { toImageView } from '../image-view.js';
import { imageIdParam, jsonBody, parseWith } from '../request.js';
import { json } from '../responses.js';
import { ReviewBody } from '../schemas.js';

/**
 * POST /images/{id}/review (moderators only): records
 * `review: { decision, reason, reviewer, reviewedAt }` on an ACCEPTED or
 * PROCESSED image (a new review replaces the last; status does not change),
 * then publishes it as a moderation message. The moderation function applies
 * it from there as it applies every review: a rejection takes the renditions
 * off delivery and purges the CDN, an approval re-renders them, and it
 * announces `image.reviewed`. The API itself never touches renditions or the
 * CDN (its role has no rights on either); the local web server refuses a
 * rejected image's renditions from the moment the review is recorded.
 *
 * @throws {ForbiddenError} (403) for a non-moderator on their own image.
 * @throws {ImageNotFoundError} (404) for a missing image, or a non-moderator on another user's.
 * @throws {ImageConflictError} (409) for an image in another status (REJECTED, DELETED, UPLOADED).
 * @throws {MalformedRequestError} (400) naming the invalid field.
 */
export async function reviewImage({ event, caller }: ApiRequest, deps: ApiDeps): Promise<ApiResult> {
  const imageId = imageIdParam(event);
  if (!caller.isModerator) {
    // Whether the image exists is only the owner's business: 404 for others, 403 for the owner.
    await findVisibleImage(deps, caller, imageId);
    throw new ForbiddenError('Only moderators may review images');
  }
  const body = parseWith(ReviewBody, jsonBody(event));
  const reviewedAt = deps.now().toISOString();
  const review = { decision: body.decision, reason: body.reason ?? null, reviewer: caller.sub, reviewedAt };
  const result = await deps.store.recordReview(imageId, review);
  if (!result.applied) {
    if (!result.record) throw new ImageNotFoundError(imageId);
    throw new ImageConflictError(
      `Image ${imageId} is ${result.record.status}; only ACCEPTED or PROCESSED images can be reviewed`,
    );
  }
  const record = result.record;
  await publishModerationMessage(deps.clients.sns, deps.config.eventsTopicArn, { imageId, ...review });
  deps.logger.info('Image reviewed', { imageId, decision: review.decision });
  return json(200, toImageView(record, deps.config.renditionsBaseUrl));
}
