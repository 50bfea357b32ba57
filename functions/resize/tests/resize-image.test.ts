import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ImageAccepted, UnexpectedMessageError } from '@pipeline/events';
import { FROM_ACCEPTED_CONDITION } from '@pipeline/store';
import { conditionFailed, mockPipelineClients, publishedEvents, s3Error } from '@pipeline/testing';
import sharp from 'sharp';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RENDITION_CONFIG } from '../src/rendition-config.js';
import { resizeImage } from '../src/resize-image.js';
import { parseResizeMessage } from '../src/resize-message.js';
import { RENDITION_CACHE_CONTROL } from '../src/write-renditions.js';
import { acceptedBody, body, deps, makeJpeg, storedItem } from './helpers.js';

const { s3: s3Mock, sns: snsMock, dynamo: dynamoMock } = mockPipelineClients();

let jpeg: Buffer;

/** The handler's two steps: parse the body, then resize. */
const resize = async (body: string, d: ReturnType<typeof deps>) =>
  resizeImage(parseResizeMessage({ body }) as ImageAccepted, d);

const published = () => publishedEvents(snsMock);

beforeAll(async () => {
  jpeg = await makeJpeg(600, 400);
});

beforeEach(() => {
  s3Mock.on(PutObjectCommand).resolves({});
  s3Mock.on(DeleteObjectsCommand).resolves({});
  s3Mock.on(DeleteObjectCommand).resolves({});
  s3Mock.on(HeadObjectCommand).resolves({});
  s3Mock.on(GetObjectCommand).resolves({ Body: body(jpeg) });
  s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });
  dynamoMock.on(GetCommand).resolves({ Item: storedItem('ACCEPTED') });
});

/** The renditions bucket holds one version's renditions besides whatever this run writes. */
function olderVersionListed(version = 'v0') {
  s3Mock.on(ListObjectsV2Command).resolves({
    Contents: ['thumb.jpg', 'large.webp'].map((file) => ({ Key: `img-1/${version}/${file}` })),
  });
}

describe('resizeImage: renditions and overwrites', () => {
  it("writes the default profile's 10 renditions, marks the image PROCESSED and publishes image.processed", async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem('PROCESSED') });

    await expect(resize(acceptedBody(), deps())).resolves.toBe('processed');

    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toMatchObject({ IfMatch: '"v1"' });
    const puts = s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(puts).toHaveLength(10);
    expect(puts.map((p) => p.Key).sort()).toEqual(
      ['thumb', 'small', 'medium', 'large', 'square']
        .flatMap((name) => [`img-1/v1/${name}.jpg`, `img-1/v1/${name}.webp`])
        .sort(),
    );
    for (const put of puts) {
      expect(put.Bucket).toBe('renditions');
      expect(put.CacheControl).toBe(RENDITION_CACHE_CONTROL);
      expect(put.ContentType).toBe(put.Key?.endsWith('.webp') ? 'image/webp' : 'image/jpeg');
      const meta = await sharp(put.Body as Buffer).metadata();
      expect(meta.format).toBe(put.Key?.endsWith('.webp') ? 'webp' : 'jpeg');
    }
    const update = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.ConditionExpression).toBe(FROM_ACCEPTED_CONDITION);
    expect(update?.ExpressionAttributeValues?.[':renditions']).toHaveLength(10);
    // Each recorded rendition names the profile it was made with, so `make rerender` can skip it.
    expect(update?.ExpressionAttributeValues?.[':renditions'][0]).toMatchObject({
      profile: DEFAULT_RENDITION_CONFIG.digest,
      crop: 'none',
    });
    expect(published()).toEqual([
      expect.objectContaining({
        type: 'image.processed',
        imageId: 'img-1',
        version: 'v1',
        renditions: expect.any(Array),
      }),
    ]);
    expect(published()[0].renditions).toHaveLength(10);
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });

  it('then removes the renditions of the version it replaced (an overwrite of the same key)', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem('PROCESSED') });
    dynamoMock
      .on(GetCommand)
      .resolvesOnce({ Item: storedItem('ACCEPTED') })
      .resolves({ Item: storedItem('PROCESSED') });
    olderVersionListed('v0');

    await expect(resize(acceptedBody(), deps())).resolves.toBe('processed');

    expect(s3Mock.commandCalls(ListObjectsV2Command)[0]?.args[0].input).toMatchObject({
      Bucket: 'renditions',
      Prefix: 'img-1/',
    });
    const deleted = s3Mock.commandCalls(DeleteObjectsCommand).map((call) => call.args[0].input);
    expect(deleted).toHaveLength(1);
    expect(deleted[0]?.Delete?.Objects?.map((o) => o.Key)).toEqual([
      'img-1/v0/thumb.jpg',
      'img-1/v0/large.webp',
    ]);
  });
});

describe('resizeImage: redeliveries and deletes', () => {
  it('announces again and finishes the purge when an image.accepted arrives again for the PROCESSED version', async () => {
    // The earlier run may have failed after PROCESSED but before its publish: without this, no
    // image.processed (and no email) would ever go out. The mailer drops the repeat otherwise.
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('PROCESSED') });
    olderVersionListed('v0');

    await expect(resize(acceptedBody(), deps())).resolves.toBe('duplicate');

    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(s3Mock.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects).toHaveLength(2);
    const published = snsMock.commandCalls(PublishCommand);
    expect(published).toHaveLength(1);
    expect(JSON.parse(published[0]?.args[0].input.Message ?? '{}')).toMatchObject({
      type: 'image.processed',
      imageId: 'img-1',
    });
  });

  it('runs two copies of one image.accepted one after the other: one download, one rendition set', async () => {
    let processed = false;
    dynamoMock
      .on(GetCommand)
      .callsFake(async () => ({ Item: storedItem(processed ? 'PROCESSED' : 'ACCEPTED') }));
    dynamoMock.on(UpdateCommand).callsFake(async () => {
      processed = true;
      return { Attributes: storedItem('PROCESSED') };
    });

    const outcomes = await Promise.all([resize(acceptedBody(), deps()), resize(acceptedBody(), deps())]);

    expect(outcomes).toEqual(['processed', 'duplicate']);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(1);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(10);
  });

  it('removes the renditions it wrote when the image was deleted meanwhile', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock
      .on(GetCommand)
      .resolvesOnce({ Item: storedItem('ACCEPTED') })
      .resolves({ Item: storedItem('DELETED') });

    await expect(resize(acceptedBody(), deps())).resolves.toBe('superseded');

    const deleted = s3Mock.commandCalls(DeleteObjectsCommand)[0]?.args[0].input;
    expect(deleted?.Bucket).toBe('renditions');
    expect(deleted?.Delete?.Objects?.map((o) => o.Key).sort()).toEqual(
      s3Mock
        .commandCalls(PutObjectCommand)
        .map((call) => call.args[0].input.Key)
        .sort(),
    );
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });
});

describe('resizeImage: moderation meanwhile', () => {
  describe('after a moderator', () => {
    const profile = DEFAULT_RENDITION_CONFIG.digest;
    const renditions = ['thumb', 'small', 'medium', 'large', 'square'].flatMap((name) =>
      ['jpg', 'webp'].map((ext) => ({
        key: `img-1/v1/${name}.${ext}`,
        name,
        width: 1,
        height: 1,
        bytes: 1,
        profile,
      })),
    );
    const rejectedReview = { decision: 'REJECTED', reason: 'off-topic', reviewer: 'mod', reviewedAt: 'x' };
    const written = () =>
      s3Mock
        .commandCalls(PutObjectCommand)
        .map((call) => call.args[0].input.Key)
        .sort();

    it('approved an image whose renditions a rejection removed, renders them again from the original', async () => {
      dynamoMock.on(GetCommand).resolves({ Item: storedItem('PROCESSED', { renditions }) });

      await expect(resize(acceptedBody(), deps())).resolves.toBe('rerendered');

      expect(written()).toEqual(renditions.map((r) => r.key).sort());
      expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
      expect(published()).toEqual([]);
    });

    it('rejected it again while it rendered, takes back what it wrote', async () => {
      dynamoMock
        .on(GetCommand)
        .resolvesOnce({ Item: storedItem('PROCESSED', { renditions }) })
        .resolves({ Item: storedItem('PROCESSED', { renditions, review: rejectedReview }) });

      await expect(resize(acceptedBody(), deps())).resolves.toBe('superseded');

      const deleted = s3Mock.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects;
      expect(deleted?.map((o) => o.Key).sort()).toEqual(written());
    });

    it('rejected the ACCEPTED image while it was first resized, removes its renditions once PROCESSED', async () => {
      dynamoMock
        .on(UpdateCommand)
        .resolves({ Attributes: storedItem('PROCESSED', { renditions, review: rejectedReview }) });

      await expect(resize(acceptedBody(), deps())).resolves.toBe('processed');

      const deleted = s3Mock.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects;
      expect(deleted?.map((o) => o.Key).sort()).toEqual(written());
    });
  });
});

describe('resizeImage: duplicates, gone and broken uploads', () => {
  it('keeps the renditions when another delivery already processed the same version', async () => {
    dynamoMock.on(UpdateCommand).rejects(conditionFailed());
    dynamoMock
      .on(GetCommand)
      .resolvesOnce({ Item: storedItem('ACCEPTED') })
      .resolves({ Item: storedItem('PROCESSED') });

    await expect(resize(acceptedBody(), deps())).resolves.toBe('duplicate');
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
    // The other delivery may still fail before its own publish.
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it.each([
    ['DELETED', storedItem('DELETED')],
    ['replaced by another version', storedItem('ACCEPTED', { version: 'v2' })],
  ])('skips an image that is %s without reading the upload', async (_case, item) => {
    dynamoMock.on(GetCommand).resolves({ Item: item });
    await expect(resize(acceptedBody(), deps())).resolves.toBe('skipped');
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('removes what a failed earlier attempt wrote when the image was replaced meanwhile', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('ACCEPTED', { version: 'v2' }) });
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'img-1/v1/thumb.jpg' }] });
    await expect(resize(acceptedBody(), deps())).resolves.toBe('skipped');
    const deleted = s3Mock.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects;
    expect(deleted).toEqual([{ Key: 'img-1/v1/thumb.jpg' }]); // listed under img-1/v1/ (purge-superseded.test.ts)
  });

  it('acknowledges an upload replaced or deleted before it was read', async () => {
    s3Mock.on(GetObjectCommand).rejects(s3Error('PreconditionFailed', 412));
    await expect(resize(acceptedBody(), deps())).resolves.toBe('gone');
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('rejects an image that cannot be decoded: REJECTED, upload deleted, image.rejected, no retry', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: body(Buffer.from('definitely not an image')) });
    dynamoMock.on(UpdateCommand).resolves({
      Attributes: storedItem('REJECTED', { statusReason: 'Image::NotAnImage', statusMessage: 'nope' }),
    });

    await expect(resize(acceptedBody(), deps())).resolves.toBe('rejected');

    const update = dynamoMock.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.ConditionExpression).toBe(FROM_ACCEPTED_CONDITION);
    expect(update?.ExpressionAttributeValues).toMatchObject({ ':reason': 'Image::NotAnImage' });
    expect(s3Mock.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'uploads',
      Key: 'uploads/alice/img-1.jpg',
      IfMatch: '"v1"',
    });
    expect(published()).toEqual([
      expect.objectContaining({ type: 'image.rejected', reason: 'Image::NotAnImage' }),
    ]);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('refuses messages other than image.accepted as a permanent error', async () => {
    await expect(resize(acceptedBody({ type: 'image.deleted' }), deps())).rejects.toBeInstanceOf(
      UnexpectedMessageError,
    );
  });

  it('propagates a failed rendition upload so the message is retried', async () => {
    s3Mock.on(PutObjectCommand).rejects(new Error('InternalError'));
    await expect(resize(acceptedBody(), deps())).rejects.toThrow('InternalError');
    expect(dynamoMock.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
