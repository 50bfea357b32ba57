import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { STATUS_SHARD_COUNT, statusShardIndex } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { toItem } from '../src/item.js';
import { isStatusPosition, listByStatus, type StatusPosition } from '../src/list-by-status.js';
import { aRecord } from './fixtures.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));

/**
 * PROCESSED items spread unevenly: only ids that hash to shards 0, 2 and 5 are
 * kept, and every third candidate is dropped from shard 2 and 5 only, so shard 0 holds most.
 */
function unevenItems(count: number) {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; items.length < count; i += 1) {
    const imageId = `img-${i}`;
    const shard = statusShardIndex(imageId);
    if (![0, 2, 5].includes(shard) || (shard !== 0 && i % 3 === 0)) continue;
    const createdAt = new Date(Date.UTC(2024, 0, 1, 0, 0, 0) + i * 60_000).toISOString();
    items.push(toItem(aRecord({ imageId, status: 'PROCESSED', createdAt })));
  }
  return items;
}

/** Answers Queries on byStatusShard from `items` the way DynamoDB does (newest first, Limit, LastEvaluatedKey). */
function serveShards(items: Record<string, unknown>[]) {
  dynamoMock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const shardKey = input.ExpressionAttributeValues?.[':shard'];
    const shard = items
      .filter((item) => item.statusShard === shardKey)
      .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
    const after = input.ExclusiveStartKey
      ? shard.findIndex((item) => item.imageId === input.ExclusiveStartKey?.imageId) + 1
      : 0;
    const page = shard.slice(after, after + (input.Limit ?? shard.length));
    const last = page.at(-1);
    const full = page.length === input.Limit;
    return {
      Items: page,
      ...(full && last
        ? { LastEvaluatedKey: { imageId: last.imageId, statusShard: shardKey, createdAt: last.createdAt } }
        : {}),
    };
  });
}

beforeEach(() => dynamoMock.reset());

describe('listByStatus', () => {
  it('returns the newest N across shards on every page, through a cursor, however uneven the shards', async () => {
    const items = unevenItems(23);
    serveShards(items);
    const expected = [...items]
      .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))
      .map((item) => item.imageId);

    const seen: string[] = [];
    const sizes: number[] = [];
    let start: StatusPosition | undefined;
    do {
      const page = await listByStatus(dynamo, 'images', 'PROCESSED', { limit: 5, start });
      seen.push(...page.records.map((r) => r.imageId));
      sizes.push(page.records.length);
      // What the API does with a cursor: JSON there and back.
      start = page.lastKey ? JSON.parse(JSON.stringify(page.lastKey)) : undefined;
      if (start) expect(isStatusPosition(start, 'PROCESSED')).toBe(true);
    } while (start);

    expect(seen).toEqual(expected);
    expect(sizes.slice(0, 4)).toEqual([5, 5, 5, 5]);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(23);
  });

  it('queries only the shards that are not exhausted, from where each stopped', async () => {
    serveShards(unevenItems(6));
    const first = await listByStatus(dynamo, 'images', 'PROCESSED', { limit: 2 });
    dynamoMock.resetHistory();

    await listByStatus(dynamo, 'images', 'PROCESSED', { limit: 2, start: first.lastKey });

    const inputs = dynamoMock.commandCalls(QueryCommand).map((c) => c.args[0].input);
    const open = first.lastKey?.shards.filter((p) => p !== 'end').length;
    expect(inputs).toHaveLength(open ?? -1);
    expect(open).toBeLessThan(STATUS_SHARD_COUNT);
    for (const input of inputs) {
      const shard = Number(String(input.ExpressionAttributeValues?.[':shard']).split('#')[1]);
      const position = first.lastKey?.shards[shard];
      if (position && typeof position === 'object')
        expect(input.ExclusiveStartKey).toEqual({ ...position, statusShard: `PROCESSED#${shard}` });
      else expect(input).not.toHaveProperty('ExclusiveStartKey');
    }
  });

  it('ends with no lastKey when every shard is exhausted', async () => {
    serveShards(unevenItems(3));
    const page = await listByStatus(dynamo, 'images', 'PROCESSED', { limit: 10 });
    expect(page.records).toHaveLength(3);
    expect(page.lastKey).toBeUndefined();
  });
});

describe('isStatusPosition', () => {
  const shards = Array.from({ length: STATUS_SHARD_COUNT }, () => 'start' as const);
  const inShard = (n: number) => {
    for (let i = 0; ; i += 1) if (statusShardIndex(`id-${i}`) === n) return `id-${i}`;
  };

  it('accepts one start, end or item key per shard for the same status', () => {
    const mixed = [...shards] as unknown[];
    mixed[1] = 'end';
    mixed[3] = { imageId: inShard(3), createdAt: '2024-01-01T00:00:00.000Z' };
    expect(isStatusPosition({ status: 'ACCEPTED', shards: mixed }, 'ACCEPTED')).toBe(true);
  });

  it.each([
    ['another status', { status: 'REJECTED', shards }],
    ['too few shards', { status: 'ACCEPTED', shards: shards.slice(1) }],
    ['every shard ended', { status: 'ACCEPTED', shards: shards.map(() => 'end') }],
    ['an extra field', { status: 'ACCEPTED', shards, owner: 'x' }],
    [
      'an imageId of another shard',
      { status: 'ACCEPTED', shards: [{ imageId: inShard(4), createdAt: 'x' }, ...shards.slice(1)] },
    ],
  ])('refuses %s', (_, value) => {
    expect(isStatusPosition(value, 'ACCEPTED')).toBe(false);
  });
});
