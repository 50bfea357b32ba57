import { DeleteObjectCommand, GetObjectCommand, type GetObjectCommandInput } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { HEADER_BYTES } from '@pipeline/imaging/header';
import { mockPipelineClients, publishedEvents, s3Error } from '@pipeline/testing';
import sharp from 'sharp';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseIngestMessage } from '../src/ingest-message.js';
import { ingestUploads } from '../src/ingest-upload.js';
import { body, deps, s3EventBody } from './helpers.js';

const { s3: s3Mock, sns: snsMock, dynamo: dynamoMock } = mockPipelineClients();

const KEY = 'uploads/alice/3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f.jpg';

const ingest = (size: number) =>
  ingestUploads(parseIngestMessage({ body: s3EventBody(KEY, { size }) }), deps());
const recorded = () => dynamoMock.commandCalls(PutCommand)[0]?.args[0].input.Item;
const ranges = () => s3Mock.commandCalls(GetObjectCommand).map((call) => call.args[0].input.Range);

/** S3 answering ranged GETs of `whole` as it does: the bytes asked for, and the size in Content-Range. */
function serveRanges(whole: Buffer) {
  s3Mock.on(GetObjectCommand).callsFake((input: GetObjectCommandInput) => {
    const [start = 0, end = 0] = (input.Range ?? '').replace('bytes=', '').split('-').map(Number);
    const part = whole.subarray(start, end + 1);
    return { Body: body(part), ContentRange: `bytes ${start}-${start + part.length - 1}/${whole.length}` };
  });
}

/** A noisy photo-like JPEG far larger than the header read. */
function bigJpeg(width: number, height: number): Promise<Buffer> {
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 60 };
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** `jpeg` with five 64 KiB APP13 segments (Photoshop data, say) after SOI: its frame header lies past 256 KiB. */
function withMetadataFirst(jpeg: Buffer): Buffer {
  const segment = Buffer.alloc(65_537, 0x20);
  segment.set([0xff, 0xed, 0xff, 0xff]); // APP13, length 65535
  return Buffer.concat([jpeg.subarray(0, 2), ...Array.from({ length: 5 }, () => segment), jpeg.subarray(2)]);
}

let photo: Buffer;

beforeAll(async () => {
  // ~400 KiB: more than the header read, and with 320 KiB of metadata added still under the unit config's 1 MB limit.
  photo = await bigJpeg(900, 600);
});

beforeEach(() => {
  dynamoMock.on(PutCommand).resolves({});
  s3Mock.on(DeleteObjectCommand).resolves({});
});

describe('ingest decides from the header', () => {
  it('accepts a photo from its first 256 KiB and records the size of the whole object', async () => {
    expect(photo.length, 'the photo is larger than the header read').toBeGreaterThan(HEADER_BYTES);
    serveRanges(photo);

    await expect(ingest(photo.length)).resolves.toEqual(['accepted']);

    expect(ranges()).toEqual([`bytes=0-${HEADER_BYTES - 1}`]);
    expect(recorded()).toMatchObject({ status: 'ACCEPTED', width: 900, height: 600, bytes: photo.length });
  });

  it('accepts a JPEG truncated past its header (resize rejects it when decoding)', async () => {
    const truncated = photo.subarray(0, Math.floor(photo.length * 0.6));
    serveRanges(truncated);

    await expect(ingest(truncated.length)).resolves.toEqual(['accepted']);
    expect(recorded()).toMatchObject({ status: 'ACCEPTED', bytes: truncated.length });
  });
});

describe('ingest rejects from the header, or finds the upload gone', () => {
  it('rejects a decompression bomb from its declared dimensions', async () => {
    const bomb = await sharp({ create: { width: 9000, height: 9000, channels: 3, background: '#000' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    serveRanges(bomb);

    await expect(ingest(bomb.length)).resolves.toEqual(['rejected']);
    expect(recorded()).toMatchObject({
      status: 'REJECTED',
      statusReason: 'Image::TooManyPixels',
      bytes: bomb.length,
    });
    expect(publishedEvents(snsMock).map((event) => event.type)).toEqual(['image.rejected']);
  });

  it('reads on from the first segment past the prefix when metadata pushes the frame header there', async () => {
    const heavy = withMetadataFirst(photo);
    serveRanges(heavy);

    await expect(ingest(heavy.length)).resolves.toEqual(['accepted']);
    expect(ranges()).toEqual([
      `bytes=0-${HEADER_BYTES - 1}`,
      `bytes=${4 * 65_537 + 2}-${4 * 65_537 + 1 + HEADER_BYTES}`,
    ]);
  });

  it('rejects an empty object (S3 answers a range of it with 416) as Image::Empty', async () => {
    s3Mock.on(GetObjectCommand).rejects(s3Error('InvalidRange', 416));

    await expect(ingest(0)).resolves.toEqual(['rejected']);
    expect(recorded()).toMatchObject({ status: 'REJECTED', statusReason: 'Image::Empty', bytes: 0 });
  });

  it('acknowledges an upload replaced between two ranged reads as gone', async () => {
    const heavy = withMetadataFirst(photo);
    serveRanges(heavy);
    s3Mock
      .on(GetObjectCommand, { Range: `bytes=${4 * 65_537 + 2}-${4 * 65_537 + 1 + HEADER_BYTES}` })
      .rejects(s3Error('PreconditionFailed', 412));

    await expect(ingest(heavy.length)).resolves.toEqual(['gone']);
    expect(dynamoMock.commandCalls(PutCommand)).toHaveLength(0);
  });
});
