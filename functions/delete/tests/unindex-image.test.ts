import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { bandKeys } from '@pipeline/store';
import { conditionFailed, mockPipelineClients } from '@pipeline/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteImages } from '../src/delete-image.js';
import { parseDeleteMessage } from '../src/delete-message.js';
import { deps, s3EventBody, storedItem } from './helpers.js';

const { s3: s3Mock, dynamo: dynamoMock } = mockPipelineClients();

const ID = '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';
const hashes = { full: '0123456789abcdef', centre: 'fedcba9876543210' };
const removed = () =>
  s3EventBody(`uploads/alice/${ID}.jpg`, {
    eventName: 'ObjectRemoved:Delete',
    eventTime: '2024-05-07T00:00:00.000Z',
  });
const del = () => deleteImages(parseDeleteMessage({ body: removed() }), deps());

/** The item deletions sent to the near-duplicate index. */
const removals = () => dynamoMock.commandCalls(DeleteCommand).map((call) => call.args[0].input);

beforeEach(() => {
  s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });
  s3Mock.on(DeleteObjectsCommand).resolves({});
});

describe('deleteImages: the near-duplicate index', () => {
  it('takes a deleted image off its owner index', async () => {
    dynamoMock
      .on(UpdateCommand)
      .resolves({ Attributes: storedItem('PROCESSED', { perceptualHashes: hashes }) });

    await expect(del()).resolves.toEqual(['deleted']);

    expect(
      removals()
        .map((input) => input.Key?.band)
        .sort(),
    ).toEqual(bandKeys('alice', hashes).sort());
    for (const input of removals()) {
      expect(input.TableName).toBe('near-duplicates');
      expect(input.Key?.imageId).toBe(ID);
    }
  });

  it('takes it off again when a retried delete finds it DELETED already', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    // The mark (the only UpdateItem asking for ALL_OLD) finds the record DELETED already.
    dynamoMock.on(UpdateCommand, { ReturnValues: 'ALL_OLD' }).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({
      Item: storedItem('DELETED', { perceptualHashes: hashes, orderKey: '2024-05-08T00:00:00.000000Z' }),
    });

    await expect(del()).resolves.toEqual(['unchanged']);

    expect(removals().length).toBeGreaterThan(0);
  });

  it('leaves the index alone when a newer live upload kept the record', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    dynamoMock.on(UpdateCommand, { ReturnValues: 'ALL_OLD' }).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('PROCESSED', { perceptualHashes: hashes }) });

    await expect(del()).resolves.toEqual(['unchanged']);

    expect(removals()).toEqual([]);
  });
});
