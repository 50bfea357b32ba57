import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NEAR_DUPLICATE_BANDS } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { BAND_ITEM_PREFIX, bandKeys, NearDuplicateIndex } from '../src/near-duplicate-index.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const index = new NearDuplicateIndex(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
  'images',
);

const mine = { full: '0123456789abcdef', centre: '0123456789abcdef' };
const cropped = { full: '0123456789abcdee', centre: 'fedcba9876543210' }; // 1 bit from mine
const other = { full: 'fedcba9876543210', centre: 'fedcba9876543210' }; // every bit differs

beforeEach(() => dynamoMock.reset());

describe('bandKeys', () => {
  it('names one item per band and owner, each once, under the band prefix', () => {
    const keys = bandKeys('alice', mine);

    expect(keys).toHaveLength(NEAR_DUPLICATE_BANDS);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key.startsWith(`${BAND_ITEM_PREFIX}alice#`)).toBe(true);
    expect(bandKeys('alice', { full: mine.full, centre: other.full })).toHaveLength(2 * NEAR_DUPLICATE_BANDS);
  });
});

describe('NearDuplicateIndex.add and remove', () => {
  it('adds the image with its hashes to the set of each band item', async () => {
    dynamoMock.on(UpdateCommand).resolves({});

    await index.add('alice', 'img-1', mine);

    const calls = dynamoMock.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.Key?.imageId).sort()).toEqual(bandKeys('alice', mine).sort());
    for (const input of calls) {
      expect(input.UpdateExpression).toBe('ADD #members :member');
      expect(input.ExpressionAttributeValues?.[':member']).toEqual(
        new Set([`img-1:${mine.full}:${mine.centre}`]),
      );
    }
  });

  it('removes the same member from the same items', async () => {
    dynamoMock.on(UpdateCommand).resolves({});

    await index.remove('alice', 'img-1', mine);

    const calls = dynamoMock.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(NEAR_DUPLICATE_BANDS);
    expect(calls.every((input) => input.UpdateExpression === 'DELETE #members :member')).toBe(true);
  });
});

describe('NearDuplicateIndex.candidates', () => {
  it('reads only its own band items and returns the images within the threshold, nearest first', async () => {
    dynamoMock.on(GetCommand).resolves({
      Item: {
        members: new Set([
          `img-1:${mine.full}:${mine.centre}`,
          `img-crop:${cropped.full}:${cropped.centre}`,
          `img-same:${mine.full}:${mine.centre}`,
          `img-other:${other.full}:${other.centre}`,
          'garbage',
        ]),
      },
    });

    const candidates = await index.candidates('alice', 'img-1', mine);

    expect(candidates).toEqual([
      { imageId: 'img-same', distance: 0, hashes: mine },
      { imageId: 'img-crop', distance: 1, hashes: cropped },
    ]);
    const reads = dynamoMock.commandCalls(GetCommand).map((call) => call.args[0].input);
    expect(reads.map((input) => input.Key?.imageId).sort()).toEqual(bandKeys('alice', mine).sort());
    expect(reads.every((input) => input.ConsistentRead)).toBe(true);
  });

  it('finds nothing when no band item exists', async () => {
    dynamoMock.on(GetCommand).resolves({});

    await expect(index.candidates('alice', 'img-1', mine)).resolves.toEqual([]);
  });
});
