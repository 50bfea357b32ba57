import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { statusShardIndex } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  BUMP_ORDER_CONDITION,
  DELETE_BY_ORDER_CONDITION,
  DELETE_VERSION_CONDITION,
  FROM_ACCEPTED_CONDITION,
  INGEST_CONDITION,
} from '../src/conditions.js';
import { ConcurrentUpdateError } from '../src/errors.js';
import { ImagesStore } from '../src/images-store.js';
import { toItem } from '../src/item.js';
import { aRecord } from './fixtures.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const now = new Date('2024-02-01T00:00:00.000Z');
const store = new ImagesStore(dynamo, 'images', () => now);

const upload = {
  imageId: 'img-1',
  owner: 'alice',
  bucket: 'uploads',
  key: 'uploads/alice/img-1.jpg',
  version: 'v2',
  orderKey: '2024-01-02T00:00:00.000000Z',
};
const image = { contentType: 'image/png', bytes: 2048, width: 640, height: 480, format: 'png' as const };

function conditionFailed() {
  return new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
}

beforeEach(() => dynamoMock.reset());

describe('ImagesStore.recordAccepted', () => {
  it('writes an ACCEPTED record guarded so no older event or other key can win', async () => {
    dynamoMock.on(PutCommand).resolves({});
    const result = await store.recordAccepted(upload, image);

    expect(result.outcome).toBe('recorded');
    const input = dynamoMock.commandCalls(PutCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe(INGEST_CONDITION);
    expect(INGEST_CONDITION).toContain('#orderKey < :orderKey');
    expect(input?.ExpressionAttributeValues).toEqual({
      ':key': upload.key,
      ':version': 'v2',
      ':orderKey': upload.orderKey,
      ':deleted': 'DELETED',
    });
    expect(input?.ExpressionAttributeNames).toEqual({
      '#imageId': 'imageId',
      '#key': 'key',
      '#orderKey': 'orderKey',
      '#version': 'version',
      '#status': 'status',
    });
    expect(input?.Item).toMatchObject({
      imageId: 'img-1',
      owner: 'alice',
      status: 'ACCEPTED',
      version: 'v2',
      orderKey: upload.orderKey,
      ...image,
      createdAt: now.toISOString(),
    });
  });

  it('omits a null owner so the by-owner index stays valid', async () => {
    dynamoMock.on(PutCommand).resolves({});
    await store.recordAccepted({ ...upload, owner: null }, image);
    expect(dynamoMock.commandCalls(PutCommand)[0]?.args[0].input.Item).not.toHaveProperty('owner');
  });

  it('returns duplicate and the existing record when the same version is recorded', async () => {
    const existing = aRecord({ version: 'v2', orderKey: upload.orderKey });
    dynamoMock.on(PutCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: toItem(existing) });

    await expect(store.recordAccepted(upload, image)).resolves.toEqual({
      outcome: 'duplicate',
      record: existing,
    });
    expect(dynamoMock.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({ ConsistentRead: true });
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});

describe('ImagesStore.recordAccepted over an existing record', () => {
  it('moves the order key of a live duplicate up when identical bytes are re-uploaded', async () => {
    const existing = aRecord({ version: 'v2', orderKey: '2024-01-01T00:00:00.000000Z', status: 'PROCESSED' });
    dynamoMock.on(PutCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: toItem(existing) });
    dynamoMock.on(UpdateCommand).resolves({});

    await expect(store.recordAccepted(upload, image)).resolves.toMatchObject({ outcome: 'duplicate' });
    const input = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe(BUMP_ORDER_CONDITION);
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':orderKey': upload.orderKey,
      ':version': 'v2',
    });
  });

  it('returns stale when a newer event owns the record', async () => {
    const existing = aRecord({ version: 'v3', orderKey: '2024-01-03T00:00:00.000000Z' });
    dynamoMock.on(PutCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: toItem(existing) });
    await expect(store.recordAccepted(upload, image)).resolves.toEqual({
      outcome: 'stale',
      record: existing,
    });
  });

  it('asks for a retry when the record changed between the write and the read', async () => {
    dynamoMock.on(PutCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({});
    await expect(store.recordAccepted(upload, image)).rejects.toBeInstanceOf(ConcurrentUpdateError);
  });

  it('propagates other DynamoDB errors', async () => {
    dynamoMock.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(store.recordAccepted(upload, image)).rejects.toThrow('ProvisionedThroughputExceeded');
  });
});

describe('ImagesStore.recordRejected', () => {
  it('writes a REJECTED record with reason code and message under the same guard', async () => {
    dynamoMock.on(PutCommand).resolves({});
    await store.recordRejected(upload, { reason: 'Image::TooLarge', message: 'too big', bytes: 99 });
    const input = dynamoMock.commandCalls(PutCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe(INGEST_CONDITION);
    expect(input?.Item).toMatchObject({
      status: 'REJECTED',
      statusReason: 'Image::TooLarge',
      statusMessage: 'too big',
      bytes: 99,
    });
  });
});

describe('ImagesStore.markProcessed', () => {
  it('moves ACCEPTED to PROCESSED only for the same version', async () => {
    const renditions = [
      {
        name: 'thumb' as const,
        key: 'img-1/v2/thumb.jpg',
        width: 150,
        height: 100,
        format: 'jpeg' as const,
        bytes: 10,
        contentType: 'image/jpeg',
      },
    ];
    dynamoMock
      .on(UpdateCommand)
      .resolves({ Attributes: toItem(aRecord({ status: 'PROCESSED', renditions })) });

    const result = await store.markProcessed('img-1', 'v2', renditions);

    expect(result).toMatchObject({ applied: true, record: { status: 'PROCESSED', renditions } });
    const input = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe(FROM_ACCEPTED_CONDITION);
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':accepted': 'ACCEPTED',
      ':version': 'v2',
      ':processed': 'PROCESSED',
      ':renditions': renditions,
    });
  });

  it('stores the placeholder and the perceptual hashes when given', async () => {
    const traits = {
      placeholder: { thumbHash: 'AQID', dominantColor: '#102030' },
      perceptualHashes: { full: '0123456789abcdef', centre: 'fedcba9876543210' },
    };
    dynamoMock
      .on(UpdateCommand)
      .resolves({ Attributes: toItem(aRecord({ status: 'PROCESSED', ...traits })) });

    const result = await store.markProcessed('img-1', 'v2', [], traits);

    expect(result).toMatchObject({ applied: true, record: traits });
    const input = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.UpdateExpression).toContain('#placeholder = :placeholder');
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':placeholder': traits.placeholder,
      ':perceptualHashes': traits.perceptualHashes,
    });
  });

  it('reports not applied, with the current record, when the image moved on', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: toItem(aRecord({ status: 'DELETED' })) });
    await expect(store.markProcessed('img-1', 'v2', [])).resolves.toMatchObject({
      applied: false,
      record: { status: 'DELETED' },
    });
  });
});

describe('ImagesStore.markRejected', () => {
  it('moves ACCEPTED to REJECTED with a reason, only for the same version', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: toItem(aRecord({ status: 'REJECTED' })) });
    await store.markRejected('img-1', 'v2', { reason: 'Image::Corrupt', message: 'bad data' });
    const input = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe(FROM_ACCEPTED_CONDITION);
    expect(input?.ExpressionAttributeValues).toMatchObject({ ':reason': 'Image::Corrupt', ':version': 'v2' });
  });
});

describe('ImagesStore.markDeleted', () => {
  it('deletes unless the record is newer, writing a tombstone when there is none', async () => {
    dynamoMock.on(UpdateCommand).resolves({});
    const result = await store.markDeleted('img-1', {
      orderKey: '2024-01-05T00:00:00.000000Z',
      key: 'uploads/alice/img-1.jpg',
      bucket: 'uploads',
      owner: 'alice',
    });

    expect(result).toEqual({ applied: true, previous: undefined });
    const input = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe(DELETE_BY_ORDER_CONDITION);
    expect(DELETE_BY_ORDER_CONDITION).toMatch(/^attribute_not_exists\(#imageId\) OR/);
    expect(input?.ReturnValues).toBe('ALL_OLD');
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':deleted': 'DELETED',
      ':orderKey': '2024-01-05T00:00:00.000000Z',
      ':key': 'uploads/alice/img-1.jpg',
      ':rejected': 'REJECTED',
    });
    expect(DELETE_BY_ORDER_CONDITION).toContain('#status <> :rejected');
    expect(input?.UpdateExpression).toContain('#key = if_not_exists(#key, :key)');
  });

  it('returns the previous record when it applied', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: toItem(aRecord({ status: 'PROCESSED' })) });
    await expect(store.markDeleted('img-1', { orderKey: 'z' })).resolves.toMatchObject({
      applied: true,
      previous: { status: 'PROCESSED' },
    });
  });

  it('only deletes the requested version for image.delete_requested', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock.on(GetCommand).resolves({ Item: toItem(aRecord({ version: 'v9' })) });

    const result = await store.markDeleted('img-1', { orderKey: 'o', version: 'v2' });

    expect(result).toMatchObject({ applied: false, record: { version: 'v9' } });
    const input = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe(DELETE_VERSION_CONDITION);
    expect(input?.ConditionExpression).not.toContain('attribute_not_exists');
    expect(input?.ConditionExpression).not.toContain(':rejected');
    expect(input?.ExpressionAttributeValues).toMatchObject({ ':version': 'v2' });
  });
});

describe('ImagesStore.get', () => {
  it('returns undefined for an unknown image', async () => {
    dynamoMock.on(GetCommand).resolves({});
    await expect(store.get('nope')).resolves.toBeUndefined();
  });
});

describe('ImagesStore status writes', () => {
  const shardOf = (status: string) => `${status}#${statusShardIndex(upload.imageId)}`;

  it('sets statusShard with status on every write that sets status', async () => {
    dynamoMock.on(PutCommand).resolves({});
    dynamoMock.on(UpdateCommand).resolves({ Attributes: toItem(aRecord()) });

    await store.recordAccepted(upload, image);
    await store.recordRejected(upload, { reason: 'Image::NotAnImage', message: 'no' });
    await store.markProcessed(upload.imageId, 'v2', []);
    await store.markRejected(upload.imageId, 'v2', { reason: 'Image::Corrupt', message: 'bad' });
    await store.markDeleted(upload.imageId, { orderKey: upload.orderKey });

    const puts = dynamoMock.commandCalls(PutCommand).map((c) => c.args[0].input.Item?.statusShard);
    expect(puts).toEqual([shardOf('ACCEPTED'), shardOf('REJECTED')]);
    const updates = dynamoMock.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    for (const input of updates) expect(input.UpdateExpression).toContain('#statusShard = :statusShard');
    expect(updates.map((input) => input.ExpressionAttributeValues?.[':statusShard'])).toEqual([
      shardOf('PROCESSED'),
      shardOf('REJECTED'),
      shardOf('DELETED'),
    ]);
  });
});
