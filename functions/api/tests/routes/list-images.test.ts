import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { STATUS_SHARD_COUNT, statusShardIndex } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/cursor.js';
import { handleRequest } from '../../src/handle-request.js';
import { ALICE, apiDeps, apiEvent, BOB, bodyOf, errorOf, moderatorEvent, storedImage } from '../helpers.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const route = 'GET /images';
const aliceKey = { imageId: 'x', owner: ALICE, createdAt: '2024-05-06T07:00:01.000Z' };

function queries() {
  return dynamoMock.commandCalls(QueryCommand).map((call) => call.args[0].input);
}

beforeEach(() => {
  dynamoMock.reset();
  dynamoMock.on(QueryCommand).resolves({ Items: [] });
});

describe('GET /images: own images and paging', () => {
  it("lists the caller's images newest first on byOwner, hiding DELETED, 20 by default", async () => {
    dynamoMock.on(QueryCommand).resolves({ Items: [storedImage()], LastEvaluatedKey: aliceKey });

    const result = await handleRequest(apiEvent(route, { query: { limit: '1' } }), apiDeps());

    expect(result.statusCode).toBe(200);
    const body = bodyOf(result);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ owner: ALICE, status: 'PROCESSED' });
    expect(body.items[0]).not.toHaveProperty('key');
    expect(body.nextCursor).toBe(encodeCursor(aliceKey));
    expect(queries()[0]).toMatchObject({
      IndexName: 'byOwner',
      ScanIndexForward: false,
      Limit: 1,
      FilterExpression: '#status <> :excluded',
      ExpressionAttributeValues: { ':owner': ALICE, ':excluded': 'DELETED' },
    });
  });

  it('leaves nextCursor out on the last page and asks for 20 by default', async () => {
    const body = bodyOf(await handleRequest(apiEvent(route), apiDeps()));
    expect(body).toEqual({ items: [] });
    expect(queries()[0]?.Limit).toBe(20);
  });

  it('continues from a cursor it handed out', async () => {
    await handleRequest(
      apiEvent(route, { query: { cursor: encodeCursor(aliceKey), limit: '5' } }),
      apiDeps(),
    );
    expect(queries()[0]).toMatchObject({ ExclusiveStartKey: aliceKey, Limit: 5 });
  });

  it('shows DELETED images only when asked for them', async () => {
    await handleRequest(apiEvent(route, { query: { status: 'DELETED' } }), apiDeps());
    expect(queries()[0]).toMatchObject({
      FilterExpression: '#status = :status',
      ExpressionAttributeValues: { ':owner': ALICE, ':status': 'DELETED' },
    });
  });
});

describe('GET /images: bad queries and cursors', () => {
  it.each([
    [{ limit: '101' }, /limit: must be at most 100/],
    [{ limit: '0' }, /limit/],
    [{ limit: 'ten' }, /limit/],
    [{ status: 'SHINY' }, /status: must be one of/],
  ])('answers 400 naming the parameter for %j', async (query, message) => {
    const result = await handleRequest(apiEvent(route, { query }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 400, code: 'Request::Malformed' });
    expect(bodyOf(result).error.message).toMatch(message);
    expect(queries()).toHaveLength(0);
  });

  it.each([
    ['not base64url', '!!!'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['a JSON array', encodeCursor([1] as unknown as Record<string, unknown>)],
    ['another owner', encodeCursor({ ...aliceKey, owner: BOB })],
    ['a missing attribute', encodeCursor({ imageId: 'x', owner: ALICE })],
    ['an extra attribute', encodeCursor({ ...aliceKey, status: 'DELETED' })],
    ['a number value', encodeCursor({ ...aliceKey, createdAt: 5 })],
  ])('answers 400 for a cursor that is %s', async (_what, cursor) => {
    const result = await handleRequest(apiEvent(route, { query: { cursor } }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 400, code: 'Request::Malformed' });
    expect(bodyOf(result).error.message).toMatch(/^cursor: /);
    expect(queries()).toHaveLength(0);
  });

  it('answers 400 when DynamoDB refuses a cursor', async () => {
    dynamoMock.on(QueryCommand).rejects(
      new DynamoDBServiceException({
        name: 'ValidationException',
        $fault: 'client',
        $metadata: {},
        message: 'x',
      }),
    );
    const result = await handleRequest(
      apiEvent(route, { query: { cursor: encodeCursor(aliceKey) } }),
      apiDeps(),
    );
    expect(errorOf(result)).toEqual({ status: 400, code: 'Request::Malformed' });
  });
});

describe('GET /images: whose images, and moderators', () => {
  it("answers 403 when a non-moderator asks for someone else's images", async () => {
    const result = await handleRequest(apiEvent(route, { query: { owner: BOB } }), apiDeps());
    expect(errorOf(result)).toEqual({ status: 403, code: 'Auth::Forbidden' });
    expect(queries()).toHaveLength(0);
  });

  it('lets anyone name themselves as owner', async () => {
    const result = await handleRequest(apiEvent(route, { query: { owner: ALICE } }), apiDeps());
    expect(result.statusCode).toBe(200);
  });

  it("lets a moderator list another user's images", async () => {
    const result = await handleRequest(
      moderatorEvent(route, { query: { owner: BOB, status: 'ACCEPTED' } }),
      apiDeps(),
    );
    expect(result.statusCode).toBe(200);
    expect(queries()[0]).toMatchObject({
      IndexName: 'byOwner',
      ExpressionAttributeValues: { ':owner': BOB, ':status': 'ACCEPTED' },
    });
  });

  it("lists everyone's images in one status from every shard of byStatusShard for a moderator", async () => {
    const shard = statusShardIndex('x');
    const position = { imageId: 'x', createdAt: '2024-05-06T07:00:01.000Z' };
    const cursor = encodeCursor({
      status: 'PROCESSED',
      shards: Array.from({ length: STATUS_SHARD_COUNT }, (_, n) => (n === shard ? position : 'end')),
    });
    dynamoMock.on(QueryCommand).resolves({ Items: [storedImage(), storedImage({ owner: BOB })] });

    const result = await handleRequest(
      moderatorEvent(route, { query: { status: 'PROCESSED', cursor } }),
      apiDeps(),
    );

    expect(bodyOf(result).items.map((i: { owner: string }) => i.owner)).toEqual([ALICE, BOB]);
    expect(queries()).toHaveLength(1);
    expect(queries()[0]).toMatchObject({
      IndexName: 'byStatusShard',
      KeyConditionExpression: '#statusShard = :shard',
      ExpressionAttributeValues: { ':shard': `PROCESSED#${shard}` },
      ExclusiveStartKey: { ...position, statusShard: `PROCESSED#${shard}` },
      ScanIndexForward: false,
    });
  });

  it('answers 400 for an owner cursor on the moderation listing', async () => {
    const result = await handleRequest(
      moderatorEvent(route, { query: { status: 'PROCESSED', cursor: encodeCursor(aliceKey) } }),
      apiDeps(),
    );
    expect(result.statusCode).toBe(400);
  });

  it('treats ?status= from a non-moderator as a filter on their own images', async () => {
    await handleRequest(apiEvent(route, { query: { status: 'PROCESSED' } }), apiDeps());
    expect(queries()[0]).toMatchObject({
      IndexName: 'byOwner',
      ExpressionAttributeValues: { ':owner': ALICE },
    });
  });
});
