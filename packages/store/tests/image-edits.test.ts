import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  EDIT_DETAILS_ANY_OWNER_CONDITION,
  EDIT_DETAILS_CONDITION,
  REVIEW_CONDITION,
  REVIEW_IN_ORDER_CONDITION,
} from '../src/conditions.js';
import { detailsUpdate } from '../src/image-edits.js';
import { ImagesStore } from '../src/images-store.js';
import { toItem } from '../src/item.js';
import { aRecord } from './fixtures.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const now = new Date('2024-03-01T00:00:00.000Z');
const store = new ImagesStore(dynamo, 'images', () => now);

function conditionFailed() {
  return new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
}

beforeEach(() => dynamoMock.reset());

describe('detailsUpdate', () => {
  it('sets given fields, removes null ones and leaves absent ones alone', () => {
    expect(detailsUpdate({ caption: 'Sunset', takenAt: null }, 'T')).toEqual({
      update: 'SET #updatedAt = :now, #caption = :caption REMOVE #takenAt',
      values: { ':now': 'T', ':caption': 'Sunset' },
    });
  });
});

describe('ImagesStore.updateDetails', () => {
  it('updates only an existing, live image of the owner and returns the new record', async () => {
    const updated = aRecord({ caption: 'Sunset', photographer: 'Ann' });
    dynamoMock.on(UpdateCommand).resolves({ Attributes: toItem(updated) });

    const result = await store.updateDetails('img-1', 'alice', { caption: 'Sunset', photographer: 'Ann' });

    expect(result).toEqual({ applied: true, record: updated });
    const input = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Key: { imageId: 'img-1' },
      ConditionExpression: EDIT_DETAILS_CONDITION,
      UpdateExpression: 'SET #updatedAt = :now, #caption = :caption, #photographer = :photographer',
      ExpressionAttributeValues: {
        ':owner': 'alice',
        ':deleted': 'DELETED',
        ':now': now.toISOString(),
        ':caption': 'Sunset',
        ':photographer': 'Ann',
      },
      ReturnValues: 'ALL_NEW',
    });
    expect(EDIT_DETAILS_CONDITION).toContain('#owner = :owner');
  });

  it('returns the current record when the condition refuses the edit', async () => {
    const deleted = aRecord({ status: 'DELETED' });
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: toItem(deleted) });

    await expect(store.updateDetails('img-1', 'alice', { caption: 'x' })).resolves.toEqual({
      applied: false,
      record: deleted,
    });
  });

  it('returns no record when the image does not exist', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({});
    await expect(store.updateDetails('nope', 'alice', { caption: 'x' })).resolves.toEqual({
      applied: false,
      record: undefined,
    });
  });

  it('lets other DynamoDB errors through', async () => {
    dynamoMock.on(UpdateCommand).rejects(new Error('throttled'));
    await expect(store.updateDetails('img-1', 'alice', { caption: 'x' })).rejects.toThrow('throttled');
  });
});

describe('ImagesStore.recordReview', () => {
  it('stores the review on an ACCEPTED or PROCESSED image', async () => {
    const review = { decision: 'REJECTED' as const, reason: 'blurry', reviewer: 'mod', reviewedAt: 'T1' };
    const reviewed = aRecord({ status: 'PROCESSED', review });
    dynamoMock.on(UpdateCommand).resolves({ Attributes: toItem(reviewed) });

    const result = await store.recordReview('img-1', review);

    expect(result).toEqual({ applied: true, record: reviewed });
    const input = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      ConditionExpression: REVIEW_CONDITION,
      UpdateExpression: 'SET #review = :review, #updatedAt = :now',
      ExpressionAttributeValues: {
        ':review': review,
        ':accepted': 'ACCEPTED',
        ':processed': 'PROCESSED',
      },
    });
  });

  it('defaults reason and reviewer to null and reviewedAt to now', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: toItem(aRecord()) });
    await store.recordReview('img-1', { decision: 'APPROVED' });
    const values = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues;
    expect(values?.[':review']).toEqual({
      decision: 'APPROVED',
      reason: null,
      reviewer: null,
      reviewedAt: now.toISOString(),
    });
  });

  it('returns the current record when the image cannot be reviewed', async () => {
    const rejected = aRecord({ status: 'REJECTED' });
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: toItem(rejected) });
    await expect(store.recordReview('img-1', { decision: 'APPROVED' })).resolves.toEqual({
      applied: false,
      record: rejected,
    });
  });
});

describe('ImagesStore.updateDetailsOfAnyOwner', () => {
  it('edits any live image without an owner check', async () => {
    const updated = aRecord({ owner: null, caption: 'Harbour' });
    dynamoMock.on(UpdateCommand).resolves({ Attributes: toItem(updated) });

    await expect(store.updateDetailsOfAnyOwner('img-1', { caption: 'Harbour' })).resolves.toEqual({
      applied: true,
      record: updated,
    });
    const input = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      ConditionExpression: EDIT_DETAILS_ANY_OWNER_CONDITION,
      UpdateExpression: 'SET #updatedAt = :now, #caption = :caption',
      ExpressionAttributeValues: { ':deleted': 'DELETED', ':caption': 'Harbour' },
    });
    expect(input?.ExpressionAttributeValues).not.toHaveProperty(':owner');
    expect(input?.ExpressionAttributeNames).not.toHaveProperty('#owner');
  });

  it('returns the current record when the image is DELETED', async () => {
    const deleted = aRecord({ status: 'DELETED' });
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: toItem(deleted) });
    await expect(store.updateDetailsOfAnyOwner('img-1', { takenAt: null })).resolves.toEqual({
      applied: false,
      record: deleted,
    });
  });
});

describe('ImagesStore.recordReviewInOrder', () => {
  const review = {
    decision: 'APPROVED' as const,
    reason: null,
    reviewer: 'moderation-topic',
    reviewedAt: '2024-05-06T07:08:09.000Z',
  };

  it('stores the review only when no later one is stored', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: toItem(aRecord({ review })) });

    const result = await store.recordReviewInOrder('img-1', review);

    expect(result).toEqual({ applied: true, record: aRecord({ review }) });
    const input = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      ConditionExpression: REVIEW_IN_ORDER_CONDITION,
      UpdateExpression: 'SET #review = :review, #updatedAt = :now',
      ExpressionAttributeNames: { '#review': 'review', '#reviewedAt': 'reviewedAt', '#status': 'status' },
      ExpressionAttributeValues: {
        ':review': review,
        ':reviewedAt': review.reviewedAt,
        ':accepted': 'ACCEPTED',
        ':processed': 'PROCESSED',
      },
    });
    expect(REVIEW_IN_ORDER_CONDITION).toContain(REVIEW_CONDITION);
    expect(REVIEW_IN_ORDER_CONDITION).toContain('#review.#reviewedAt <= :reviewedAt');
  });

  it('returns the current record when a later review is stored', async () => {
    const later = aRecord({ review: { ...review, reviewedAt: '2024-05-07T00:00:00.000Z' } });
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: toItem(later) });
    await expect(store.recordReviewInOrder('img-1', review)).resolves.toEqual({
      applied: false,
      record: later,
    });
  });
});
