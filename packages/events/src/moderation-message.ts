import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { ReviewDecision } from '@pipeline/domain';

/** The moderation topic's word for each review decision (functions/moderation reads it back). */
export const MODERATION_STATUS_FOR_DECISION = {
  APPROVED: 'Pass',
  REJECTED: 'Reject',
} as const satisfies Record<ReviewDecision, string>;

/**
 * A moderation message as other systems publish it straight to the events
 * topic (docs/operations.md): `{ id, date, update: { status, reason }, reviewer }`.
 */
export interface ModerationMessage {
  id: string;
  /** When the decision was made (ISO-8601): later-dated reviews win. */
  date: string;
  update: { status: (typeof MODERATION_STATUS_FOR_DECISION)[ReviewDecision]; reason: string | null };
  reviewer: string;
}

/**
 * Publishes a review as a moderation message, so the moderation function
 * applies it the one way every review is applied: recorded in date order,
 * announced as `image.reviewed`, and carried to delivery (a rejection takes
 * the renditions down and purges the CDN; an approval brings them back).
 * No message attributes: the moderation queue filters on the body's `update.status`.
 *
 * @returns the SNS MessageId.
 * @throws the SDK error when SNS fails.
 */
export async function publishModerationMessage(
  sns: SNSClient,
  topicArn: string,
  review: {
    imageId: string;
    decision: ReviewDecision;
    reason: string | null;
    reviewer: string;
    reviewedAt: string;
  },
): Promise<string | undefined> {
  const message: ModerationMessage = {
    id: review.imageId,
    date: review.reviewedAt,
    update: { status: MODERATION_STATUS_FOR_DECISION[review.decision], reason: review.reason },
    reviewer: review.reviewer,
  };
  const response = await sns.send(
    new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify(message) }),
  );
  return response.MessageId;
}
