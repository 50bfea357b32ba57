import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@pipeline/aws';
import { ImageStatus, type Review } from '@pipeline/domain';
import {
  EDIT_DETAILS_ANY_OWNER_CONDITION,
  EDIT_DETAILS_CONDITION,
  namesIn,
  REVIEW_CONDITION,
  REVIEW_IN_ORDER_CONDITION,
} from './conditions.js';
import { toRecord } from './item.js';
import type { MarkResult } from './store-results.js';

/** Fields an owner may edit. `null` removes the field; an absent field is left as it is. */
export interface ImageDetails {
  caption?: string | null | undefined;
  /** ISO-8601 date or date-time. */
  takenAt?: string | null | undefined;
  photographer?: string | null | undefined;
}

const DETAIL_FIELDS = ['caption', 'takenAt', 'photographer'] as const;

/** The UpdateExpression and values for an edit of `details` (exported for tests). */
export function detailsUpdate(
  details: ImageDetails,
  now: string,
): { update: string; values: Record<string, unknown> } {
  const sets = ['#updatedAt = :now'];
  const removes: string[] = [];
  const values: Record<string, unknown> = { ':now': now };
  for (const field of DETAIL_FIELDS) {
    const value = details[field];
    if (value === undefined) continue;
    if (value === null) {
      removes.push(`#${field}`);
    } else {
      sets.push(`#${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  const update = `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`;
  return { update, values };
}

/** See `ImagesStore.updateDetails`. */
export function updateImageDetails(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  target: { imageId: string; owner: string },
  details: ImageDetails,
  now: string,
): Promise<MarkResult> {
  const { update, values } = detailsUpdate(details, now);
  return guardedUpdate(dynamo, tableName, target.imageId, update, EDIT_DETAILS_CONDITION, {
    ...values,
    ':owner': target.owner,
    ':deleted': ImageStatus.DELETED,
  });
}

/** See `ImagesStore.updateDetailsOfAnyOwner`. */
export function updateAnyImageDetails(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  imageId: string,
  details: ImageDetails,
  now: string,
): Promise<MarkResult> {
  const { update, values } = detailsUpdate(details, now);
  return guardedUpdate(dynamo, tableName, imageId, update, EDIT_DETAILS_ANY_OWNER_CONDITION, {
    ...values,
    ':deleted': ImageStatus.DELETED,
  });
}

/** See `ImagesStore.recordReview`. */
export function recordImageReview(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  imageId: string,
  review: Review,
  now: string,
): Promise<MarkResult> {
  return guardedUpdate(
    dynamo,
    tableName,
    imageId,
    REVIEW_UPDATE,
    REVIEW_CONDITION,
    reviewValues(review, now),
  );
}

/** See `ImagesStore.recordReviewInOrder`. */
export function recordImageReviewInOrder(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  imageId: string,
  review: Review & { reviewedAt: string },
  now: string,
): Promise<MarkResult> {
  return guardedUpdate(dynamo, tableName, imageId, REVIEW_UPDATE, REVIEW_IN_ORDER_CONDITION, {
    ...reviewValues(review, now),
    ':reviewedAt': review.reviewedAt,
  });
}

const REVIEW_UPDATE = 'SET #review = :review, #updatedAt = :now';

function reviewValues(review: Review, now: string): Record<string, unknown> {
  return {
    ':review': {
      decision: review.decision,
      reason: review.reason ?? null,
      reviewer: review.reviewer ?? null,
      reviewedAt: review.reviewedAt ?? now,
    },
    ':now': now,
    ':accepted': ImageStatus.ACCEPTED,
    ':processed': ImageStatus.PROCESSED,
  };
}

/** An update that applies only under `condition`; a refusal reads back the current record. */
async function guardedUpdate(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  imageId: string,
  update: string,
  condition: string,
  values: Record<string, unknown>,
): Promise<MarkResult> {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { imageId },
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: namesIn(update, condition),
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { applied: true, record: toRecord(Attributes ?? {}) };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: tableName, Key: { imageId }, ConsistentRead: true }),
    );
    return { applied: false, record: Item ? toRecord(Item) : undefined };
  }
}
