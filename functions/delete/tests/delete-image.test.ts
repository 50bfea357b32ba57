import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { UnexpectedMessageError } from '@pipeline/events';
import { DELETE_BY_ORDER_CONDITION, DELETE_VERSION_CONDITION } from '@pipeline/store';
import { conditionFailed, mockPipelineClients, publishedEvents } from '@pipeline/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteImages } from '../src/delete-image.js';
import { parseDeleteMessage } from '../src/delete-message.js';
import { deleteRequestedBody, deps, s3EventBody, storedItem } from './helpers.js';

const { s3: s3Mock, sns: snsMock, dynamo: dynamoMock } = mockPipelineClients();

const ID = '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';
const KEY = `uploads/alice/${ID}.jpg`;
const removed = (options: { eventTime?: string } = {}) =>
  s3EventBody(KEY, {
    eventName: 'ObjectRemoved:Delete',
    eventTime: '2024-05-07T00:00:00.000Z',
    ...options,
  });

/** The handler's two steps: parse the body, then delete. */
const del = async (body: string, d: ReturnType<typeof deps>) => deleteImages(parseDeleteMessage({ body }), d);

function deletedKeys(): string[] {
  return s3Mock
    .commandCalls(DeleteObjectsCommand)
    .flatMap((call) => call.args[0].input.Delete?.Objects?.map((o) => o.Key ?? '') ?? []);
}

const published = () => publishedEvents(snsMock);

beforeEach(() => {
  s3Mock.on(DeleteObjectsCommand).resolves({});
  s3Mock.on(DeleteObjectCommand).resolves({});
  s3Mock
    .on(ListObjectsV2Command)
    .resolvesOnce({
      Contents: [{ Key: `${ID}/v1/thumb.jpg` }],
      IsTruncated: true,
      NextContinuationToken: 'next',
    })
    .resolves({
      Contents: [{ Key: `${ID}/v1/thumb.webp` }, { Key: `${ID}/v2/thumb.jpg` }],
      IsTruncated: false,
    });
});

describe('deleteImages: S3 ObjectRemoved: announcing and marking', () => {
  it('announces again when a retried removal finds its own earlier mark (the publish may have failed)', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock
      .on(GetCommand)
      .resolves({ Item: storedItem('DELETED', { orderKey: '2024-05-07T00:00:00.000000Z' }) });

    await expect(del(removed(), deps())).resolves.toEqual(['unchanged']);
    expect(published()).toMatchObject([{ type: 'image.deleted', imageId: ID }]);
  });

  it('does not announce a removal another, newer removal already marked', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock
      .on(GetCommand)
      .resolves({ Item: storedItem('DELETED', { orderKey: '2024-05-08T00:00:00.000000Z' }) });

    await del(removed(), deps());
    expect(published()).toEqual([]);
  });

  it('marks DELETED first, then deletes every rendition page by page, then publishes image.deleted', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem('PROCESSED') });

    await expect(del(removed(), deps())).resolves.toEqual(['deleted']);

    const update = dynamoMock.commandCalls(UpdateCommand)[0];
    expect(update?.args[0].input.ConditionExpression).toBe(DELETE_BY_ORDER_CONDITION);
    expect(update?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':orderKey': '2024-05-07T00:00:00.000000Z',
      ':key': KEY,
      ':deleted': 'DELETED',
    });
    const list = s3Mock.commandCalls(ListObjectsV2Command);
    // Two pages; the paginator reuses one input object, so only its final state is visible.
    expect(list).toHaveLength(2);
    expect(list[1]?.args[0].input).toMatchObject({
      Bucket: 'renditions',
      Prefix: `${ID}/`,
      ContinuationToken: 'next',
    });
    expect(dynamoMock.commandCalls(UpdateCommand)[0]?.calledBefore(list[0] as never)).toBe(true);
    expect(deletedKeys()).toEqual([`${ID}/v1/thumb.jpg`, `${ID}/v1/thumb.webp`, `${ID}/v2/thumb.jpg`]);
    expect(published()).toEqual([
      expect.objectContaining({
        type: 'image.deleted',
        imageId: '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f',
        version: 'v1',
      }),
    ]);
  });
});

describe('deleteImages: S3 ObjectRemoved: what it leaves alone', () => {
  it('writes a tombstone for an image never recorded, and publishes nothing', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    await expect(del(removed(), deps())).resolves.toEqual(['deleted']);
    expect(dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input.ConditionExpression).toMatch(
      /^attribute_not_exists\(#imageId\)/,
    );
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('leaves a newer upload alone, purging only older versions', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock
      .on(GetCommand)
      .resolves({ Item: storedItem('ACCEPTED', { version: 'v2', orderKey: '2024-05-08T00:00:00.000000Z' }) });

    await expect(del(removed(), deps())).resolves.toEqual(['unchanged']);
    expect(deletedKeys()).toEqual([`${ID}/v1/thumb.jpg`, `${ID}/v1/thumb.webp`]);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('keeps a REJECTED image REJECTED when the pipeline removes its upload', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('REJECTED', { statusReason: 'Image::Corrupt' }) });
    await expect(del(removed(), deps())).resolves.toEqual(['unchanged']);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('is idempotent: a repeated removal purges again and publishes nothing', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('DELETED') });
    await expect(del(removed(), deps())).resolves.toEqual(['unchanged']);
    expect(deletedKeys()).toHaveLength(3);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('does not announce an image that was already DELETED', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem('DELETED') });
    await expect(del(removed(), deps())).resolves.toEqual(['deleted']);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('skips removals outside uploads/ and created events', async () => {
    const outcomes = [
      ...(await del(s3EventBody('other/x.jpg', { eventName: 'ObjectRemoved:Delete' }), deps())),
      ...(await del(s3EventBody(KEY), deps())),
    ];
    expect(outcomes).toEqual(['skipped', 'skipped']);
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});

describe('deleteImages: image.delete_requested', () => {
  it('marks that version DELETED, purges renditions, deletes the original at that version, publishes', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('PROCESSED') });
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem('PROCESSED') });

    await expect(del(deleteRequestedBody(), deps())).resolves.toEqual(['deleted']);

    const update = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.ConditionExpression).toBe(`${DELETE_VERSION_CONDITION} AND #key = :key`);
    expect(update?.ExpressionAttributeValues).toMatchObject({
      ':version': 'v1',
      ':orderKey': '2024-05-06T07:08:09.123000Z',
    });
    expect(deletedKeys()).toHaveLength(3);
    expect(s3Mock.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'uploads',
      Key: KEY,
      IfMatch: '"v1"',
    });
    expect(published().map((e) => e.type)).toEqual(['image.deleted']);
  });

  it('never deletes a newer upload of the same image', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('PROCESSED', { version: 'v2' }) });

    await expect(del(deleteRequestedBody(), deps())).resolves.toEqual(['unchanged']);
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(s3Mock.commandCalls(DeleteObjectCommand)).toHaveLength(0);
    expect(deletedKeys()).toEqual([`${ID}/v1/thumb.jpg`, `${ID}/v1/thumb.webp`]);
  });

  it('finishes a retried request: already DELETED at that version still removes the original and announces again', async () => {
    // The first attempt may have failed after its mark but before image.deleted went out.
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('DELETED') });
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());

    await expect(del(deleteRequestedBody(), deps())).resolves.toEqual(['unchanged']);
    expect(s3Mock.commandCalls(DeleteObjectCommand)).toHaveLength(1);
    const published = snsMock.commandCalls(PublishCommand);
    expect(published).toHaveLength(1);
    expect(JSON.parse(published[0]?.args[0].input.Message ?? '{}')).toMatchObject({
      type: 'image.deleted',
      imageId: ID,
    });
  });

  it('does not announce again when the original is already gone (the earlier attempt finished)', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('DELETED') });
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    s3Mock.on(HeadObjectCommand).rejects(Object.assign(new Error('Not Found'), { name: 'NotFound' }));

    await del(deleteRequestedBody(), deps());
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('refuses other domain events as a permanent error', async () => {
    await expect(del(deleteRequestedBody({ type: 'image.accepted' }), deps())).rejects.toBeInstanceOf(
      UnexpectedMessageError,
    );
  });

  it('propagates a failed purge so the message is retried', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('PROCESSED') });
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem('PROCESSED') });
    s3Mock
      .on(DeleteObjectsCommand)
      .resolves({ Errors: [{ Key: `${ID}/v1/thumb.jpg`, Code: 'InternalError' }] });
    await expect(del(deleteRequestedBody(), deps())).rejects.toThrow(/DeleteObjects failed/);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });
});
