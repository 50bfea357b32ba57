import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parseRenditionProfile, renditionProfileDigest } from '@pipeline/domain';
import { type RerenderRequest, rerenderRequestBody } from '@pipeline/events';
import { conditionFailed, mockPipelineClients } from '@pipeline/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rerenderToProfile } from '../src/rerender-to-profile.js';
import { parseResizeMessage } from '../src/resize-message.js';
import { body, deps, makeJpeg, storedItem } from './helpers.js';

const { s3: s3Mock, dynamo: dynamoMock } = mockPipelineClients();

/** A profile unlike the default: one 200 px WebP size and a square. */
const profile = parseRenditionProfile({
  sizes: [
    { name: 'card', width: 200, formats: ['webp'] },
    { name: 'square', width: 100, formats: ['jpeg'], crop: 'square-attention' },
  ],
});
const renditions = { profile, digest: renditionProfileDigest(profile) };
const request = parseResizeMessage({ body: rerenderRequestBody('img-1', 'v1') }) as RerenderRequest;
const oldSet = ['thumb', 'large'].flatMap((name) =>
  ['jpg', 'webp'].map((ext) => ({ key: `img-1/v1/${name}.${ext}`, name, width: 1, height: 1, bytes: 1 })),
);
const rerender = () => rerenderToProfile(request, { ...deps(), renditions });
const written = () => s3Mock.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key);

let jpeg: Buffer;
beforeAll(async () => {
  jpeg = await makeJpeg(600, 400);
});

beforeEach(() => {
  s3Mock.on(PutObjectCommand).resolves({});
  s3Mock.on(DeleteObjectsCommand).resolves({});
  s3Mock.on(GetObjectCommand).resolves({ Body: body(jpeg) });
  s3Mock.on(ListObjectsV2Command).resolves({
    Contents: [...oldSet.map((r) => r.key), 'img-1/v1/card.webp'].map((Key) => ({ Key })),
  });
  dynamoMock.on(GetCommand).resolves({ Item: storedItem('PROCESSED', { renditions: oldSet }) });
  dynamoMock.on(UpdateCommand).resolves({});
});

describe('rerenderToProfile', () => {
  it('writes the profile set, records it while PROCESSED at the version, then removes what it left out', async () => {
    await expect(rerender()).resolves.toBe('rerendered');

    expect(written().sort()).toEqual(['img-1/v1/card.webp', 'img-1/v1/square.jpg']);
    const update = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.ConditionExpression).toBe('#status = :processed AND #version = :version');
    expect(update?.ExpressionAttributeValues?.[':renditions']).toEqual([
      expect.objectContaining({
        key: 'img-1/v1/card.webp',
        width: 200,
        profile: renditions.digest,
        crop: 'none',
      }),
      expect.objectContaining({
        key: 'img-1/v1/square.jpg',
        width: 100,
        height: 100,
        crop: 'square-attention',
      }),
    ]);
    const deleted = s3Mock.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects;
    expect(deleted?.map((o) => o.Key).sort()).toEqual(oldSet.map((r) => r.key).sort());
  });

  it('does nothing for an image already at the profile', async () => {
    const current = [{ ...oldSet[0], profile: renditions.digest }];
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('PROCESSED', { renditions: current }) });

    await expect(rerender()).resolves.toBe('unchanged');

    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(written()).toEqual([]);
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it.each([
    ['DELETED', {}],
    ['REJECTED', {}],
    ['PROCESSED', { version: 'v2' }],
    ['PROCESSED', { review: { decision: 'REJECTED', reviewer: 'mod', reviewedAt: 'x' } }],
  ])('never touches an image %s %j', async (status, extra) => {
    dynamoMock.on(GetCommand).resolves({ Item: storedItem(status, { renditions: oldSet, ...extra }) });

    await expect(rerender()).resolves.toBe('skipped');

    expect(s3Mock.calls()).toHaveLength(0);
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('takes back what it wrote when the image was deleted before the set was recorded', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());

    await expect(rerender()).resolves.toBe('superseded');

    const deleted = s3Mock.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects;
    expect(deleted?.map((o) => o.Key).sort()).toEqual(written().sort());
  });
});

describe('parseResizeMessage', () => {
  it('reads an image.rerender_requested and refuses one without a version', () => {
    expect(request).toMatchObject({ type: 'image.rerender_requested', imageId: 'img-1', version: 'v1' });
    expect(() => parseResizeMessage({ body: '{"type":"image.rerender_requested","imageId":"a"}' })).toThrow(
      /image.rerender_requested/,
    );
  });
});
