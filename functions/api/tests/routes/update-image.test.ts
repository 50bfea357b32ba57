import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { EDIT_DETAILS_CONDITION } from '@pipeline/store';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handleRequest } from '../../src/handle-request.js';
import {
  ALICE,
  apiDeps,
  apiEvent,
  BOB,
  bodyOf,
  errorOf,
  IMAGE_ID,
  moderatorEvent,
  storedImage,
} from '../helpers.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const route = 'PATCH /images/{id}';
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });

function updates() {
  return dynamoMock.commandCalls(UpdateCommand).map((call) => call.args[0].input);
}

beforeEach(() => dynamoMock.reset());

describe('PATCH /images/{id}', () => {
  it('updates the fields in one conditional write and answers the new ImageView', async () => {
    dynamoMock
      .on(UpdateCommand)
      .resolves({ Attributes: storedImage({ caption: 'Two elephants', takenAt: '2023-07-01' }) });

    const result = await handleRequest(
      apiEvent(route, { id: IMAGE_ID, json: { caption: 'Two elephants', takenAt: '2023-07-01' } }),
      apiDeps(),
    );

    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({
      imageId: IMAGE_ID,
      caption: 'Two elephants',
      takenAt: '2023-07-01',
    });
    expect(updates()[0]).toMatchObject({
      Key: { imageId: IMAGE_ID },
      ConditionExpression: EDIT_DETAILS_CONDITION,
      ExpressionAttributeValues: { ':owner': ALICE, ':caption': 'Two elephants', ':takenAt': '2023-07-01' },
    });
  });

  it('clears a field given as null and accepts a date-time for takenAt', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedImage() });
    await handleRequest(
      apiEvent(route, { id: IMAGE_ID, json: { caption: null, takenAt: '2023-07-01T10:00:00+02:00' } }),
      apiDeps(),
    );
    expect(updates()[0]?.UpdateExpression).toBe('SET #updatedAt = :now, #takenAt = :takenAt REMOVE #caption');
  });

  it("answers 404 for another user's image (moderators included) and for a missing one", async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: storedImage() });
    const other = await handleRequest(
      apiEvent(route, { id: IMAGE_ID, sub: BOB, json: { caption: 'x' } }),
      apiDeps(),
    );
    const moderator = await handleRequest(
      moderatorEvent(route, { id: IMAGE_ID, json: { caption: 'x' } }),
      apiDeps(),
    );
    dynamoMock.on(GetCommand).resolves({});
    const missing = await handleRequest(apiEvent(route, { id: IMAGE_ID, json: { caption: 'x' } }), apiDeps());

    for (const result of [other, moderator, missing]) {
      expect(errorOf(result)).toEqual({ status: 404, code: 'Image::NotFound' });
    }
    expect(updates()[0]?.ExpressionAttributeValues?.[':owner']).toBe(BOB);
  });

  it('answers 409 for a DELETED image of the caller', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: storedImage({ status: 'DELETED' }) });
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID, json: { caption: 'x' } }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 409, code: 'Image::Conflict' });
  });

  it.each([
    [{ caption: 'x'.repeat(501) }, /caption: must be at most 500 characters/],
    [{ photographer: 'x'.repeat(101) }, /photographer: must be at most 100 characters/],
    [{ photographer: 7 }, /photographer/],
    [{ takenAt: 'last summer' }, /takenAt: must be an ISO-8601 date/],
    [{}, /at least one of caption, takenAt, photographer/],
    [{ caption: 'x', status: 'PROCESSED' }, /body: unknown field\(s\) status/],
    ['caption', /body: must be a JSON object/],
  ])('answers 400 naming the field for %j', async (json, message) => {
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID, json }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 400, code: 'Request::Malformed' });
    expect(bodyOf(result).error.message).toMatch(message);
    expect(updates()).toHaveLength(0);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const result = await handleRequest(apiEvent(route, { id: IMAGE_ID, body: 'caption=x' }), apiDeps());
    expect(bodyOf(result).error).toEqual({ code: 'Request::Malformed', message: 'body: not valid JSON' });
  });
});
