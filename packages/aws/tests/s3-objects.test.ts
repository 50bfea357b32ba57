import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/core/serde';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  deleteKeys,
  deleteObjectVersion,
  getObjectHead,
  getObjectRange,
  getObjectVersion,
  listKeys,
  objectExists,
} from '../src/s3-objects.js';

const s3Mock = mockClient(S3Client);
const s3 = new S3Client({ region: 'us-east-1' });

function preconditionFailed() {
  return new S3ServiceException({
    name: 'PreconditionFailed',
    $fault: 'client',
    $metadata: { httpStatusCode: 412 },
    message: 'At least one of the pre-conditions you specified did not hold',
  });
}

beforeEach(() => s3Mock.reset());

describe('getObjectVersion', () => {
  it('reads the body pinned to the version with a quoted If-Match', async () => {
    s3Mock.on(GetObjectCommand).resolves({
      Body: sdkStreamMixin(Readable.from([Buffer.from('hello')])),
      ContentType: 'image/jpeg',
    });
    const object = await getObjectVersion(s3, { bucket: 'b', key: 'k', version: 'abc' });
    expect(object?.body.toString()).toBe('hello');
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'b',
      Key: 'k',
      IfMatch: '"abc"',
    });
  });

  it('returns undefined when the object is gone or replaced', async () => {
    s3Mock
      .on(GetObjectCommand)
      .rejectsOnce(new NoSuchKey({ message: 'gone', $metadata: {} }))
      .rejectsOnce(preconditionFailed());
    await expect(getObjectVersion(s3, { bucket: 'b', key: 'k', version: 'v' })).resolves.toBeUndefined();
    await expect(getObjectVersion(s3, { bucket: 'b', key: 'k', version: 'v' })).resolves.toBeUndefined();
  });

  it('propagates other errors', async () => {
    s3Mock.on(GetObjectCommand).rejects(new Error('SlowDown'));
    await expect(getObjectVersion(s3, { bucket: 'b', key: 'k' })).rejects.toThrow('SlowDown');
  });
});

function streamOf(text: string) {
  return sdkStreamMixin(Readable.from([Buffer.from(text)]));
}

describe('getObjectHead / getObjectRange', () => {
  it('asks for the first bytes with a Range, pinned to the version, and reads the size from Content-Range', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: streamOf('hello'), ContentRange: 'bytes 0-4/16376668' });

    const head = await getObjectHead(s3, { bucket: 'b', key: 'k', version: 'abc' }, 5);

    expect(head).toEqual({ body: Buffer.from('hello'), totalBytes: 16_376_668 });
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'b',
      Key: 'k',
      Range: 'bytes=0-4',
      IfMatch: '"abc"',
    });
  });

  it('reads a range further in', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: streamOf('lo'), ContentRange: 'bytes 3-4/5' });

    await expect(getObjectRange(s3, { bucket: 'b', key: 'k' }, 3, 10)).resolves.toEqual({
      body: Buffer.from('lo'),
      totalBytes: 5,
    });
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input.Range).toBe('bytes=3-12');
  });

  it('keeps only the range asked for when the server ignores Range and sends the whole object', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: streamOf('hello world') });

    await expect(getObjectRange(s3, { bucket: 'b', key: 'k' }, 6, 3)).resolves.toEqual({
      body: Buffer.from('wor'),
      totalBytes: 11,
    });
  });

  it('reads an empty object (S3 answers 416 InvalidRange for bytes=0-N) as empty', async () => {
    s3Mock.on(GetObjectCommand).rejects(
      new S3ServiceException({
        name: 'InvalidRange',
        $fault: 'client',
        $metadata: { httpStatusCode: 416 },
        message: 'The requested range is not satisfiable',
      }),
    );

    await expect(getObjectHead(s3, { bucket: 'b', key: 'k' }, 10)).resolves.toEqual({
      body: Buffer.alloc(0),
      totalBytes: 0,
    });
  });

  it('returns undefined when the object is gone or replaced, and propagates other errors', async () => {
    s3Mock
      .on(GetObjectCommand)
      .rejectsOnce(new NoSuchKey({ message: 'gone', $metadata: {} }))
      .rejectsOnce(preconditionFailed())
      .rejectsOnce(new Error('SlowDown'));
    const target = { bucket: 'b', key: 'k', version: 'v' };

    await expect(getObjectHead(s3, target, 10)).resolves.toBeUndefined();
    await expect(getObjectHead(s3, target, 10)).resolves.toBeUndefined();
    await expect(getObjectHead(s3, target, 10)).rejects.toThrow('SlowDown');
  });
});

describe('deleteObjectVersion', () => {
  it('deletes only the given version', async () => {
    s3Mock.on(DeleteObjectCommand).resolves({});
    await expect(deleteObjectVersion(s3, { bucket: 'b', key: 'k', version: 'v' })).resolves.toBe(true);
    expect(s3Mock.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'b',
      Key: 'k',
      IfMatch: '"v"',
    });
  });

  it('reports false when a newer version is there', async () => {
    s3Mock.on(DeleteObjectCommand).rejects(preconditionFailed());
    await expect(deleteObjectVersion(s3, { bucket: 'b', key: 'k', version: 'v' })).resolves.toBe(false);
  });
});

describe('objectExists', () => {
  it('asks S3 for that version only', async () => {
    s3Mock.on(HeadObjectCommand).resolvesOnce({}).rejectsOnce(preconditionFailed());
    await expect(objectExists(s3, { bucket: 'b', key: 'k', version: 'v' })).resolves.toBe(true);
    await expect(objectExists(s3, { bucket: 'b', key: 'k', version: 'v' })).resolves.toBe(false);
    expect(s3Mock.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'b',
      Key: 'k',
      IfMatch: '"v"',
    });
  });

  it('reports a missing object as absent', async () => {
    s3Mock
      .on(HeadObjectCommand)
      .rejects(
        new S3ServiceException({ name: 'NotFound', $fault: 'client', $metadata: { httpStatusCode: 404 } }),
      );
    await expect(objectExists(s3, { bucket: 'b', key: 'k' })).resolves.toBe(false);
  });
});

describe('listKeys and deleteKeys', () => {
  it('lists every page under a prefix', async () => {
    s3Mock
      .on(ListObjectsV2Command)
      .resolvesOnce({ Contents: [{ Key: 'p/1' }], IsTruncated: true, NextContinuationToken: 't' })
      .resolvesOnce({ Contents: [{ Key: 'p/2' }], IsTruncated: false });
    await expect(listKeys(s3, 'b', 'p/')).resolves.toEqual(['p/1', 'p/2']);
    expect(s3Mock.commandCalls(ListObjectsV2Command)[1]?.args[0].input.ContinuationToken).toBe('t');
  });

  it('deletes in batches of 1000', async () => {
    s3Mock.on(DeleteObjectsCommand).resolves({});
    const keys = Array.from({ length: 2500 }, (_, i) => `p/${i}`);
    await expect(deleteKeys(s3, 'b', keys)).resolves.toBe(2500);
    const sizes = s3Mock
      .commandCalls(DeleteObjectsCommand)
      .map((c) => c.args[0].input.Delete?.Objects?.length);
    expect(sizes).toEqual([1000, 1000, 500]);
  });

  it('throws when S3 reports per-key errors', async () => {
    s3Mock.on(DeleteObjectsCommand).resolves({ Errors: [{ Key: 'p/1', Code: 'InternalError' }] });
    await expect(deleteKeys(s3, 'b', ['p/1'])).rejects.toThrow(/DeleteObjects failed for 1 of 1/);
  });

  it('sends nothing for an empty list', async () => {
    await expect(deleteKeys(s3, 'b', [])).resolves.toBe(0);
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });
});
