import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { toRecord } from '@pipeline/store';
import { describe, expect, it } from 'vitest';
import { findDuplicateOf } from '../src/duplicate-lookup.js';
import { apiDeps, BOB, IMAGE_ID, NOW, storedImage } from './helpers.js';
import { mockImagesTable } from './table-mocks.js';

const dynamoMock = mockImagesTable();

const OLDER = '0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b';
const NEARER = '0c0c0c0c-0c0c-4c0c-8c0c-0c0c0c0c0c0c';
const mine = { full: '0123456789abcdef', centre: '0123456789abcdef' };
const oneBitOff = { full: '0123456789abcdee', centre: '0123456789abcdee' };
const viewed = toRecord(storedImage({ perceptualHashes: mine }));

/** Every band of the index holds `members`; each image id answers its record. */
function table(
  members: Record<string, string>[],
  records: Record<string, Record<string, unknown> | undefined>,
) {
  dynamoMock.on(QueryCommand).resolves({ Items: members });
  dynamoMock.on(GetCommand).callsFake(async (input: { Key: { imageId: string } }) => ({
    Item: records[input.Key.imageId],
  }));
}

const member = (imageId: string, hashes: { full: string; centre: string }) => ({
  imageId,
  full: hashes.full,
  centre: hashes.centre,
});
const earlier = (imageId: string, extra: Record<string, unknown> = {}) =>
  storedImage({ imageId, createdAt: '2024-05-01T00:00:00.000Z', perceptualHashes: oneBitOff, ...extra });

/** A moderator's rejection: the status stays PROCESSED. */
const rejectedReview = {
  decision: 'REJECTED',
  reason: 'spam',
  reviewer: 'mod',
  reviewedAt: NOW.toISOString(),
};

describe('findDuplicateOf', () => {
  it('names an earlier live image of the same owner within the threshold, with the distance', async () => {
    table([member(IMAGE_ID, mine), member(OLDER, oneBitOff)], { [OLDER]: earlier(OLDER) });

    await expect(findDuplicateOf(apiDeps(), viewed)).resolves.toEqual({ imageId: OLDER, distance: 1 });
  });

  it.each(['DELETED', 'REJECTED'])('never names a %s image', async (status) => {
    table([member(OLDER, oneBitOff)], { [OLDER]: earlier(OLDER, { status }) });

    await expect(findDuplicateOf(apiDeps(), viewed)).resolves.toBeNull();
  });

  it('queries its bands in the near-duplicates table, strongly consistent', async () => {
    table([member(OLDER, oneBitOff)], { [OLDER]: earlier(OLDER) });

    await findDuplicateOf(apiDeps(), viewed);

    const queries = dynamoMock.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((input) => input.TableName === 'near-duplicates' && input.ConsistentRead)).toBe(
      true,
    );
  });

  it('skips a dead nearest candidate for the next live one', async () => {
    table([member(NEARER, mine), member(OLDER, oneBitOff)], {
      [NEARER]: earlier(NEARER, { status: 'DELETED', perceptualHashes: mine }),
      [OLDER]: earlier(OLDER),
    });

    await expect(findDuplicateOf(apiDeps(), viewed)).resolves.toEqual({ imageId: OLDER, distance: 1 });
  });

  it('ignores later uploads, other owners and hashes the record no longer has', async () => {
    table([member(OLDER, oneBitOff), member(NEARER, oneBitOff), member('later', oneBitOff)], {
      [OLDER]: earlier(OLDER, { owner: BOB }),
      [NEARER]: earlier(NEARER, {
        perceptualHashes: { full: 'ffffffffffffffff', centre: 'ffffffffffffffff' },
      }),
      later: storedImage({
        imageId: 'later',
        createdAt: '2024-06-01T00:00:00.000Z',
        perceptualHashes: oneBitOff,
      }),
    });

    await expect(findDuplicateOf(apiDeps(), viewed)).resolves.toBeNull();
  });

  it('reads nothing for an image without hashes or owner', async () => {
    await expect(findDuplicateOf(apiDeps(), toRecord(storedImage()))).resolves.toBeNull();
    await expect(
      findDuplicateOf(apiDeps(), toRecord(storedImage({ owner: undefined, perceptualHashes: mine }))),
    ).resolves.toBeNull();

    expect(dynamoMock.commandCalls(GetCommand)).toHaveLength(0);
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(0);
  });
});

describe('findDuplicateOf: moderator rejections', () => {
  it('never names an image a moderator rejected', async () => {
    table([member(OLDER, oneBitOff)], {
      [OLDER]: earlier(OLDER, { status: 'PROCESSED', review: rejectedReview }),
    });

    await expect(findDuplicateOf(apiDeps(), viewed)).resolves.toBeNull();
  });

  it('gives a moderator-rejected image no duplicateOf and reads nothing for it', async () => {
    const rejected = toRecord(storedImage({ perceptualHashes: mine, review: rejectedReview }));
    table([member(OLDER, oneBitOff)], { [OLDER]: earlier(OLDER) });

    await expect(findDuplicateOf(apiDeps(), rejected)).resolves.toBeNull();
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(0);
  });
});
