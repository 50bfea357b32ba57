import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { derivedImageId } from '@pipeline/domain';
import { UnexpectedMessageError } from '@pipeline/events';
import { INGEST_CONDITION } from '@pipeline/store';
import { mockPipelineClients, publishedEvents, s3Error } from '@pipeline/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseIngestMessage } from '../src/ingest-message.js';
import { ingestUploads } from '../src/ingest-upload.js';
import { body, config, deps, makeJpeg, s3EventBody } from './helpers.js';

const { s3: s3Mock, sns: snsMock, dynamo: dynamoMock } = mockPipelineClients();

const ID = '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';
const KEY = `uploads/alice/${ID}.jpg`;
let jpeg: Buffer;

/** The handler's two steps: parse the body, then ingest its records. */
const ingest = async (body: string, d: ReturnType<typeof deps>) =>
  ingestUploads(parseIngestMessage({ body }), d);

const published = () => publishedEvents(snsMock);

function storedItem(status: string, extra: Record<string, unknown> = {}) {
  return {
    imageId: ID,
    owner: 'alice',
    bucket: 'uploads',
    key: KEY,
    version: 'etag-1',
    orderKey: '2024-05-06T07:08:09.123000Z',
    status,
    createdAt: '2024-05-06T07:08:10.000Z',
    updatedAt: '2024-05-06T07:08:10.000Z',
    ...extra,
  };
}

beforeAll(async () => {
  jpeg = await makeJpeg(64, 48);
});

beforeEach(() => {
  dynamoMock.on(PutCommand).resolves({});
  s3Mock.on(DeleteObjectCommand).resolves({});
});

describe('processIngestMessage: valid and invalid images', () => {
  it('accepts a valid image: records it with its metadata, then publishes image.accepted', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: body(jpeg) });

    await expect(ingest(s3EventBody(KEY, { size: jpeg.length }), deps())).resolves.toEqual(['accepted']);

    // The header only: a ranged GET of the first 256 KiB, pinned to the event's version.
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'uploads',
      Key: KEY,
      Range: 'bytes=0-262143',
      IfMatch: '"etag-1"',
    });
    const put = dynamoMock.commandCalls(PutCommand)[0]?.args[0].input;
    expect(put?.ConditionExpression).toBe(INGEST_CONDITION);
    expect(put?.Item).toMatchObject({
      imageId: ID,
      owner: 'alice',
      key: KEY,
      version: 'etag-1',
      orderKey: '2024-05-06T07:08:09.123000Z',
      status: 'ACCEPTED',
      contentType: 'image/jpeg',
      format: 'jpeg',
      width: 64,
      height: 48,
      bytes: jpeg.length,
    });
    expect(published()).toEqual([
      expect.objectContaining({
        type: 'image.accepted',
        imageId: ID,
        version: 'etag-1',
        owner: 'alice',
        key: KEY,
      }),
    ]);
  });

  it('decodes URL-encoded keys and derives the imageId of a non-UUID name', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: body(jpeg) });
    await ingest(s3EventBody('uploads/zo%C3%AB/summer+holiday+100%25.jpg'), deps());

    const key = 'uploads/zoë/summer holiday 100%.jpg';
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input.Key).toBe(key);
    expect(dynamoMock.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({
      imageId: derivedImageId(key),
      owner: 'zoë',
      key,
    });
  });

  it('rejects content that is not an image: records the reason, publishes image.rejected, deletes the upload', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: body(Buffer.from('hello, I am not a photo\n')) });

    await expect(ingest(s3EventBody(KEY), deps())).resolves.toEqual(['rejected']);

    expect(dynamoMock.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({
      status: 'REJECTED',
      statusReason: 'Image::NotAnImage',
      statusMessage: expect.any(String),
    });
    expect(published()).toEqual([
      expect.objectContaining({
        type: 'image.rejected',
        reason: 'Image::NotAnImage',
        message: expect.any(String),
      }),
    ]);
    expect(s3Mock.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'uploads',
      Key: KEY,
      IfMatch: '"etag-1"',
    });
  });
});

describe('processIngestMessage: gone, replaced and duplicate uploads', () => {
  it('rejects an upload over MAX_UPLOAD_BYTES without reading it', async () => {
    const outcome = await ingest(s3EventBody(KEY, { size: config.maxUploadBytes + 1 }), deps());

    expect(outcome).toEqual(['rejected']);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(dynamoMock.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({
      status: 'REJECTED',
      statusReason: 'Image::TooLarge',
      bytes: config.maxUploadBytes + 1,
    });
    expect(published()[0]).toMatchObject({ type: 'image.rejected', reason: 'Image::TooLarge' });
    expect(s3Mock.commandCalls(DeleteObjectCommand)).toHaveLength(1);
  });

  it('acknowledges an object that is already gone without recording anything', async () => {
    s3Mock
      .on(GetObjectCommand)
      .rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));

    await expect(ingest(s3EventBody(KEY), deps())).resolves.toEqual(['gone']);
    expect(dynamoMock.commandCalls(PutCommand)).toHaveLength(0);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('acknowledges an object replaced by a newer upload (If-Match fails)', async () => {
    s3Mock.on(GetObjectCommand).rejects(s3Error('PreconditionFailed', 412));
    await expect(ingest(s3EventBody(KEY), deps())).resolves.toEqual(['gone']);
  });

  describe('a duplicate event (same version already recorded)', () => {
    beforeEach(() => {
      s3Mock.on(GetObjectCommand).resolves({ Body: body(jpeg) });
      dynamoMock
        .on(PutCommand)
        .rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    });

    it('re-publishes image.accepted while the image is still ACCEPTED', async () => {
      dynamoMock.on(GetCommand).resolves({ Item: storedItem('ACCEPTED') });
      await expect(ingest(s3EventBody(KEY), deps())).resolves.toEqual(['republished']);
      expect(published().map((e) => e.type)).toEqual(['image.accepted']);
    });

    it('publishes nothing once the image is PROCESSED', async () => {
      dynamoMock.on(GetCommand).resolves({ Item: storedItem('PROCESSED') });
      await expect(ingest(s3EventBody(KEY), deps())).resolves.toEqual(['duplicate']);
      expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    });

    it('finishes an interrupted rejection when the rejected upload is still there', async () => {
      s3Mock.on(GetObjectCommand).resolves({ Body: body(Buffer.from('not an image')) });
      dynamoMock.on(GetCommand).resolves({
        Item: storedItem('REJECTED', { statusReason: 'Image::NotAnImage', statusMessage: 'nope' }),
      });

      await expect(ingest(s3EventBody(KEY), deps())).resolves.toEqual(['republished']);
      expect(published()).toEqual([
        expect.objectContaining({ type: 'image.rejected', reason: 'Image::NotAnImage' }),
      ]);
      expect(s3Mock.commandCalls(DeleteObjectCommand)).toHaveLength(1);
    });

    it('acknowledges a settled rejection whose upload is gone', async () => {
      s3Mock.on(HeadObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: {} }));
      dynamoMock
        .on(GetCommand)
        .resolves({ Item: storedItem('REJECTED', { statusReason: 'Image::TooLarge' }) });

      const outcome = await ingest(s3EventBody(KEY, { size: config.maxUploadBytes + 1 }), deps());
      expect(outcome).toEqual(['duplicate']);
      expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    });
  });
});

describe('processIngestMessage: concurrency, stale and foreign events', () => {
  it('handles two copies of one event side by side one after the other, so the rejection is announced once', async () => {
    // A small world: the first record write wins, the upload exists until deleted, and SNS is slow,
    // so a second copy running alongside would find the upload still there mid-rejection.
    let deleted = false;
    dynamoMock
      .on(PutCommand)
      .resolvesOnce({})
      .rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('REJECTED', { statusReason: 'Image::TooLarge' }) });
    snsMock.on(PublishCommand).callsFake(() => new Promise((done) => setTimeout(() => done({}), 20)));
    s3Mock.on(DeleteObjectCommand).callsFake(async () => {
      deleted = true;
      return {};
    });
    s3Mock.on(HeadObjectCommand).callsFake(async () => {
      if (deleted) throw new NoSuchKey({ message: 'gone', $metadata: {} });
      return {};
    });
    const copy = s3EventBody(KEY, { size: config.maxUploadBytes + 1 });

    const outcomes = await Promise.all([ingest(copy, deps()), ingest(copy, deps())]);

    expect(outcomes).toEqual([['rejected'], ['duplicate']]);
    expect(published().map((e) => e.type)).toEqual(['image.rejected']);
  });

  it('ignores an event older than the record (stale)', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: body(jpeg) });
    dynamoMock
      .on(PutCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    dynamoMock.on(GetCommand).resolves({
      Item: storedItem('DELETED', { version: undefined, orderKey: '2024-05-06T08:00:00.000000Z' }),
    });

    await expect(ingest(s3EventBody(KEY), deps())).resolves.toEqual(['stale']);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('skips keys outside uploads/, other buckets and non-create events', async () => {
    const outcomes = [
      ...(await ingest(s3EventBody('elsewhere/cat.jpg'), deps())),
      ...(await ingest(s3EventBody(KEY, { bucket: 'someone-else' }), deps())),
      ...(await ingest(s3EventBody(KEY, { eventName: 'ObjectRemoved:Delete' }), deps())),
    ];
    expect(outcomes).toEqual(['skipped', 'skipped', 'skipped']);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('refuses domain events as a permanent error', async () => {
    const event = JSON.stringify({
      type: 'image.accepted',
      imageId: ID,
      version: 'v',
      owner: null,
      bucket: 'uploads',
      key: KEY,
      occurredAt: '2024-01-01T00:00:00Z',
    });
    await expect(ingest(event, deps())).rejects.toBeInstanceOf(UnexpectedMessageError);
  });

  it('propagates AWS errors so the message is retried', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: body(jpeg) });
    dynamoMock.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(ingest(s3EventBody(KEY), deps())).rejects.toThrow('ProvisionedThroughputExceeded');
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });
});
