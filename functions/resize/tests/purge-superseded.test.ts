import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockPipelineClients } from '@pipeline/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { purgeSupersededRenditions, removeStaleVersionRenditions } from '../src/purge-superseded.js';
import { deps, storedItem } from './helpers.js';

const { s3: s3Mock, dynamo: dynamoMock } = mockPipelineClients();

function listed(...keys: string[]) {
  s3Mock.on(ListObjectsV2Command).resolves({ Contents: keys.map((Key) => ({ Key })) });
}

function purge() {
  const d = deps();
  return purgeSupersededRenditions(d, d.store, {
    imageId: 'img-1',
    version: 'v2',
  });
}

beforeEach(() => {
  s3Mock.on(DeleteObjectsCommand).resolves({});
  dynamoMock.on(GetCommand).resolves({ Item: storedItem('PROCESSED', { version: 'v2' }) });
});

describe('purgeSupersededRenditions', () => {
  it('deletes the renditions of every other version and keeps its own', async () => {
    listed('img-1/v1/thumb.jpg', 'img-1/v2/thumb.jpg', 'img-1/v0/large.webp', 'img-1/v2/large.webp');

    await expect(purge()).resolves.toBe(2);

    const objects = s3Mock.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects;
    expect(objects?.map((o) => o.Key)).toEqual(['img-1/v1/thumb.jpg', 'img-1/v0/large.webp']);
  });

  it('does not read the record or delete anything when only its own renditions exist', async () => {
    listed('img-1/v2/thumb.jpg');

    await expect(purge()).resolves.toBe(0);

    expect(dynamoMock.commandCalls(GetCommand)).toHaveLength(0);
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });

  it.each([
    ['a newer version', storedItem('ACCEPTED', { version: 'v3' })],
    ['deleted', storedItem('DELETED', { version: 'v2' })],
    ['gone', undefined],
  ])('leaves everything alone when the record is %s by the time it looks', async (_case, item) => {
    listed('img-1/v1/thumb.jpg', 'img-1/v3/thumb.jpg');
    dynamoMock.on(GetCommand).resolves({ Item: item });

    await expect(purge()).resolves.toBe(0);

    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });

  it('propagates a failed delete so the message is retried', async () => {
    listed('img-1/v1/thumb.jpg');
    s3Mock.on(DeleteObjectsCommand).rejects(new Error('InternalError'));

    await expect(purge()).rejects.toThrow('InternalError');
  });
});

describe('removeStaleVersionRenditions', () => {
  it("deletes only the replaced version's renditions", async () => {
    listed('img-1/v1/thumb.jpg', 'img-1/v1/large.webp');

    await expect(removeStaleVersionRenditions(deps(), { imageId: 'img-1', version: 'v1' })).resolves.toBe(2);

    expect(s3Mock.commandCalls(ListObjectsV2Command)[0]?.args[0].input.Prefix).toBe('img-1/v1/');
    const objects = s3Mock.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects;
    expect(objects?.map((o) => o.Key)).toEqual(['img-1/v1/thumb.jpg', 'img-1/v1/large.webp']);
  });

  it('deletes nothing when no attempt left any', async () => {
    listed();

    await expect(removeStaleVersionRenditions(deps(), { imageId: 'img-1', version: 'v1' })).resolves.toBe(0);
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });
});
