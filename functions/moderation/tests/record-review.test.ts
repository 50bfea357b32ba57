import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isPermanentError, UnknownImageError } from '@pipeline/domain';
import { ConcurrentUpdateError, REVIEW_IN_ORDER_CONDITION } from '@pipeline/store';
import { conditionFailed, mockPipelineClients, publishedEvents } from '@pipeline/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ImageNotReviewableError } from '../src/errors.js';
import { parseModerationMessage } from '../src/moderation-message.js';
import { recordReview } from '../src/record-review.js';
import { DISTRIBUTION_ID, moderationDeps as deps, moderationBody, storedItem } from './helpers.js';

const { s3: s3Mock, sns: snsMock, dynamo: dynamoMock } = mockPipelineClients();

const cloudfrontMock = mockClient(CloudFrontClient);
const ID = '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';
const now = new Date('2024-05-06T08:00:00.000Z');
const reject = moderationBody(ID, { status: 'Reject', reason: 'blurry' });
const review = {
  decision: 'REJECTED',
  reason: 'blurry',
  reviewer: 'moderation-topic',
  reviewedAt: '2024-05-06T07:08:09.000Z',
};

/** The handler's two steps: parse the body against the clock `at`, then record. */
const record = async (body: string, d: ReturnType<typeof deps>, at: Date) =>
  recordReview(parseModerationMessage(body, at), d);

const published = () => publishedEvents(snsMock);

beforeEach(() => {
  // The record delivery reads back after a withdrawal (tests that need one set their own).
  dynamoMock.on(GetCommand).resolves({});
  s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });
  cloudfrontMock.reset();
  cloudfrontMock.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I1' } as never });
});

describe('recordModerationMessage: recording reviews', () => {
  it('records the review unless a later one is stored, then publishes image.reviewed', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem(ID, 'PROCESSED', { review }) });

    await expect(record(reject, deps(), now)).resolves.toBe('reviewed');

    const update = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update).toMatchObject({
      Key: { imageId: ID },
      ConditionExpression: REVIEW_IN_ORDER_CONDITION,
      ExpressionAttributeValues: { ':review': review, ':reviewedAt': review.reviewedAt },
    });
    expect(published()).toEqual([
      {
        type: 'image.reviewed',
        imageId: ID,
        version: 'v1',
        owner: 'alice',
        bucket: 'uploads',
        key: `uploads/alice/${ID}.jpg`,
        occurredAt: review.reviewedAt,
        ...review,
      },
    ]);
    expect(snsMock.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toEqual({
      type: { DataType: 'String', StringValue: 'image.reviewed' },
    });
  });

  it('converges on a redelivery: the same review applies again and is announced again', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem(ID, 'PROCESSED', { review }) });
    await record(reject, deps(), now);
    await record(reject, deps(), now);
    expect(published()).toHaveLength(2);
    expect(published()[0]).toEqual(published()[1]);
  });

  it('changes nothing and announces nothing when a later review is stored', async () => {
    const later = { ...review, decision: 'APPROVED', reviewedAt: '2024-05-06T07:30:00.000Z' };
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: storedItem(ID, 'PROCESSED', { review: later }) });

    await expect(record(reject, deps(), now)).resolves.toBe('stale');
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('retries when the write was refused although no later review is stored', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: storedItem(ID, 'PROCESSED') });
    const recording = record(reject, deps(), now);
    await expect(recording).rejects.toBeInstanceOf(ConcurrentUpdateError);
    await expect(recording).rejects.not.toSatisfy(isPermanentError);
  });
});

describe('recordModerationMessage: refusals, failures and delivery changes', () => {
  it('refuses an unknown image and a DELETED or REJECTED one as permanent errors', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock
      .on(GetCommand)
      .resolvesOnce({})
      .resolvesOnce({ Item: storedItem(ID, 'DELETED') })
      .resolvesOnce({ Item: storedItem(ID, 'REJECTED') });

    await expect(record(reject, deps(), now)).rejects.toBeInstanceOf(UnknownImageError);
    await expect(record(reject, deps(), now)).rejects.toThrow(new ImageNotReviewableError(ID, 'DELETED'));
    await expect(record(reject, deps(), now)).rejects.toThrow(new ImageNotReviewableError(ID, 'REJECTED'));
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('writes nothing for a malformed message', async () => {
    const recording = record(moderationBody(ID, { status: 'Maybe' }), deps(), now);
    await expect(recording).rejects.toSatisfy(isPermanentError);
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('lets a failed publish through so the message is retried', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem(ID, 'PROCESSED', { review }) });
    snsMock.on(PublishCommand).rejects(new Error('InternalError'));
    const recording = record(reject, deps(), now);
    await expect(recording).rejects.toThrow('InternalError');
    await expect(recording).rejects.not.toSatisfy(isPermanentError);
  });

  it('takes a rejected image off delivery before announcing it: renditions deleted, /<id>/* invalidated', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem(ID, 'PROCESSED', { review }) });
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: `${ID}/v1/thumb.jpg` }] });
    s3Mock.on(DeleteObjectsCommand).resolves({});

    await expect(record(reject, deps(), now)).resolves.toBe('reviewed');

    expect(s3Mock.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects).toEqual([
      { Key: `${ID}/v1/thumb.jpg` },
    ]);
    const invalidation = cloudfrontMock.commandCalls(CreateInvalidationCommand)[0]?.args[0].input;
    expect(invalidation).toMatchObject({
      DistributionId: DISTRIBUTION_ID,
      InvalidationBatch: { Paths: { Quantity: 1, Items: [`/${ID}/*`] } },
    });
    expect(published().map((event) => event.type)).toEqual(['image.reviewed']);
  });

  it('brings an approved image back: image.accepted for the re-render, then image.reviewed', async () => {
    const approval = { ...review, decision: 'APPROVED', reason: null };
    const renditions = [
      { key: `${ID}/v1/thumb.jpg`, name: 'thumb', format: 'jpeg', width: 1, height: 1, bytes: 1 },
    ];
    dynamoMock
      .on(UpdateCommand)
      .resolves({ Attributes: storedItem(ID, 'PROCESSED', { review: approval, renditions }) });

    const pass = moderationBody(ID, { status: 'Pass' });
    await expect(record(pass, deps(), now)).resolves.toBe('reviewed');

    expect(published().map((event) => event.type)).toEqual(['image.accepted', 'image.reviewed']);
    expect(cloudfrontMock.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });
});
