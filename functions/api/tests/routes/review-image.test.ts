import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { REVIEW_CONDITION } from '@pipeline/store';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handleRequest } from '../../src/handle-request.js';
import {
  apiDeps,
  apiEvent,
  BOB,
  bodyOf,
  errorOf,
  IMAGE_ID,
  MOD,
  moderatorEvent,
  NOW,
  storedImage,
} from '../helpers.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const snsMock = mockClient(SNSClient);
const route = 'POST /images/{id}/review';
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });
const review = { decision: 'REJECTED', reason: 'Off-topic', reviewer: MOD, reviewedAt: NOW.toISOString() };

beforeEach(() => {
  dynamoMock.reset();
  snsMock.reset();
  snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
  dynamoMock.on(GetCommand).resolves({ Item: storedImage() });
  dynamoMock.on(UpdateCommand).resolves({ Attributes: storedImage({ review }) });
});

describe('POST /images/{id}/review: recording a review', () => {
  it('records the review, hands it to moderation as a moderation message and answers the ImageView', async () => {
    const result = await handleRequest(
      moderatorEvent(route, { id: IMAGE_ID, json: { decision: 'REJECTED', reason: ' Off-topic ' } }),
      apiDeps(),
    );

    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({ imageId: IMAGE_ID, review });
    const update = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.ConditionExpression).toBe(REVIEW_CONDITION);
    expect(update?.ExpressionAttributeValues?.[':review']).toEqual(review);
    // functions/moderation applies it to delivery and announces image.reviewed.
    const published = snsMock.commandCalls(PublishCommand);
    expect(published).toHaveLength(1);
    expect(published[0]?.args[0].input.MessageAttributes).toBeUndefined();
    expect(JSON.parse(published[0]?.args[0].input.Message ?? '')).toEqual({
      id: IMAGE_ID,
      date: review.reviewedAt,
      update: { status: 'Reject', reason: review.reason },
      reviewer: review.reviewer,
    });
  });

  it('approves without a reason', async () => {
    await handleRequest(moderatorEvent(route, { id: IMAGE_ID, json: { decision: 'APPROVED' } }), apiDeps());
    expect(
      dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues?.[':review'],
    ).toEqual({
      decision: 'APPROVED',
      reason: null,
      reviewer: MOD,
      reviewedAt: NOW.toISOString(),
    });
  });

  it.each([['[moderators]'], ['moderators'], ['[editors moderators]'], [['moderators']]])(
    'recognises the moderators group given as %j',
    async (groups) => {
      const result = await handleRequest(
        apiEvent(route, { sub: MOD, groups, id: IMAGE_ID, json: { decision: 'APPROVED' } }),
        apiDeps(),
      );
      expect(result.statusCode).toBe(200);
    },
  );
});

describe('POST /images/{id}/review: refusals', () => {
  it('answers 403 to a non-moderator on their own image, and writes nothing', async () => {
    const result = await handleRequest(
      apiEvent(route, { id: IMAGE_ID, json: { decision: 'APPROVED' } }),
      apiDeps(),
    );
    expect(errorOf(result)).toEqual({ status: 403, code: 'Auth::Forbidden' });
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it("answers 404 to a non-moderator on another user's image or a missing one", async () => {
    const other = await handleRequest(
      apiEvent(route, { sub: BOB, groups: '[editors]', id: IMAGE_ID, json: { decision: 'APPROVED' } }),
      apiDeps(),
    );
    dynamoMock.on(GetCommand).resolves({});
    const missing = await handleRequest(apiEvent(route, { id: IMAGE_ID, json: {} }), apiDeps());
    expect(errorOf(other)).toEqual({ status: 404, code: 'Image::NotFound' });
    expect(errorOf(missing)).toEqual({ status: 404, code: 'Image::NotFound' });
  });

  it.each(['DELETED', 'REJECTED'])('answers 409 for a %s image and publishes nothing', async (status) => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: storedImage({ status }) });
    const result = await handleRequest(
      moderatorEvent(route, { id: IMAGE_ID, json: { decision: 'APPROVED' } }),
      apiDeps(),
    );
    expect(errorOf(result)).toEqual({ status: 409, code: 'Image::Conflict' });
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('answers 404 to a moderator for a missing image', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({});
    const result = await handleRequest(
      moderatorEvent(route, { id: IMAGE_ID, json: { decision: 'APPROVED' } }),
      apiDeps(),
    );
    expect(errorOf(result)).toEqual({ status: 404, code: 'Image::NotFound' });
  });

  it.each([
    [{ decision: 'REJECTED' }, /reason: is required when decision is REJECTED/],
    [{ decision: 'REJECTED', reason: '   ' }, /reason: must not be empty/],
    [{ decision: 'approved' }, /decision: must be one of APPROVED, REJECTED/],
    [{}, /decision/],
  ])('answers 400 naming the field for %j', async (json, message) => {
    const result = await handleRequest(moderatorEvent(route, { id: IMAGE_ID, json }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 400, code: 'Request::Malformed' });
    expect(bodyOf(result).error.message).toMatch(message);
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
