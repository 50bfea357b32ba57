import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NEAR_DUPLICATE_BANDS } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { bandKeys, NearDuplicateIndex } from '../src/near-duplicate-index.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2024-05-06T07:08:09.000Z');
const index = new NearDuplicateIndex(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
  'near-duplicates',
  () => NOW,
);

const mine = { full: '0123456789abcdef', centre: '0123456789abcdef' };
const cropped = { full: '0123456789abcdee', centre: 'fedcba9876543210' }; // 1 bit from mine
const other = { full: 'fedcba9876543210', centre: 'fedcba9876543210' }; // every bit differs

const item = (imageId: string, hashes: { full: string; centre: string }) => ({
  imageId,
  full: hashes.full,
  centre: hashes.centre,
});

beforeEach(() => dynamoMock.reset());

describe('bandKeys', () => {
  it('names one partition per band and owner, each once', () => {
    const keys = bandKeys('alice', mine);

    expect(keys).toHaveLength(NEAR_DUPLICATE_BANDS);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^alice#\d+:[01]+$/);
    expect(bandKeys('alice', { full: mine.full, centre: other.full })).toHaveLength(2 * NEAR_DUPLICATE_BANDS);
  });
});

describe('NearDuplicateIndex.add', () => {
  it('puts one small item per band with the hashes, owner and time', async () => {
    dynamoMock.on(PutCommand).resolves({});

    await index.add('alice', 'img-1', mine);

    const puts = dynamoMock.commandCalls(PutCommand).map((call) => call.args[0].input);
    expect(puts.map((input) => input.Item?.band).sort()).toEqual(bandKeys('alice', mine).sort());
    for (const input of puts) {
      expect(input.TableName).toBe('near-duplicates');
      expect(input.Item).toEqual({
        band: expect.any(String),
        imageId: 'img-1',
        owner: 'alice',
        full: mine.full,
        centre: mine.centre,
        updatedAt: NOW.toISOString(),
      });
    }
  });
});

describe('NearDuplicateIndex.remove', () => {
  it('deletes the item of each band of the hashes', async () => {
    dynamoMock.on(DeleteCommand).resolves({});

    await index.remove('alice', 'img-1', mine);

    const deletes = dynamoMock.commandCalls(DeleteCommand).map((call) => call.args[0].input);
    expect(
      deletes.map((input) => input.Key).sort((a, b) => String(a?.band).localeCompare(String(b?.band))),
    ).toEqual(
      bandKeys('alice', mine)
        .sort()
        .map((band) => ({ band, imageId: 'img-1' })),
    );
  });

  it('leaves the bands of the hashes to keep', async () => {
    dynamoMock.on(DeleteCommand).resolves({});

    await index.remove('alice', 'img-1', mine, cropped);

    const deleted = dynamoMock
      .commandCalls(DeleteCommand)
      .map((call) => String(call.args[0].input.Key?.band));
    const kept = new Set(bandKeys('alice', cropped));
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.filter((band) => kept.has(band))).toEqual([]);
    expect(deleted.sort()).toEqual(
      bandKeys('alice', mine)
        .filter((band) => !kept.has(band))
        .sort(),
    );
  });
});

describe('NearDuplicateIndex.replace', () => {
  it('writes the new bands first, then deletes only the old bands they do not share', async () => {
    const order: string[] = [];
    dynamoMock.on(PutCommand).callsFake(async () => {
      order.push('put');
      return {};
    });
    dynamoMock.on(DeleteCommand).callsFake(async () => {
      order.push('delete');
      return {};
    });

    await index.replace('alice', 'img-1', mine, cropped);

    const shared = bandKeys('alice', mine).filter((band) => bandKeys('alice', cropped).includes(band));
    expect(shared.length).toBeGreaterThan(0);
    const deleted = dynamoMock
      .commandCalls(DeleteCommand)
      .map((call) => String(call.args[0].input.Key?.band));
    expect(deleted.filter((band) => shared.includes(band))).toEqual([]);
    expect(order.lastIndexOf('put')).toBeLessThan(order.indexOf('delete'));
  });
});

describe('NearDuplicateIndex.candidates', () => {
  it('queries only its own bands and returns the images within the threshold, nearest first', async () => {
    dynamoMock.on(QueryCommand).resolves({
      Items: [
        item('img-1', mine),
        item('img-crop', cropped),
        item('img-same', mine),
        item('img-other', other),
        { imageId: 'garbage', full: 'zz' },
      ],
    });

    const candidates = await index.candidates('alice', 'img-1', mine);

    expect(candidates).toEqual([
      { imageId: 'img-same', distance: 0, hashes: mine },
      { imageId: 'img-crop', distance: 1, hashes: cropped },
    ]);
    const queries = dynamoMock.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries.map((input) => input.ExpressionAttributeValues?.[':band']).sort()).toEqual(
      bandKeys('alice', mine).sort(),
    );
    expect(queries.every((input) => input.ConsistentRead && input.TableName === 'near-duplicates')).toBe(
      true,
    );
  });

  it('reads every page of a band', async () => {
    const first = bandKeys('alice', mine)[0];
    dynamoMock.on(QueryCommand).resolves({ Items: [] });
    dynamoMock
      .on(QueryCommand, { ExpressionAttributeValues: { ':band': first } })
      .resolvesOnce({ Items: [item('img-a', mine)], LastEvaluatedKey: { band: first, imageId: 'img-a' } })
      .resolvesOnce({ Items: [item('img-b', cropped)] });

    const candidates = await index.candidates('alice', 'img-1', mine);

    expect(candidates.map((c) => c.imageId)).toEqual(['img-a', 'img-b']);
    const pages = dynamoMock
      .commandCalls(QueryCommand)
      .map((call) => call.args[0].input)
      .filter((input) => input.ExpressionAttributeValues?.[':band'] === first);
    expect(pages.map((input) => input.ExclusiveStartKey)).toEqual([
      undefined,
      { band: first, imageId: 'img-a' },
    ]);
  });

  it('finds nothing when no band has items', async () => {
    dynamoMock.on(QueryCommand).resolves({ Items: [] });

    await expect(index.candidates('alice', 'img-1', mine)).resolves.toEqual([]);
  });
});
