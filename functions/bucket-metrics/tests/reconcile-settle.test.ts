import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { storedItem } from '@pipeline/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { reconcileBucketMetrics } from '../src/reconcile-bucket-metrics.js';
import { type LedgerFixture, serveTables, storedOffsets, type TablesFixture } from './counters-table.js';
import { now, putValue, runDeps } from './run-deps.js';
import { serveListing } from './s3-listing.js';

const s3Mock = mockClient(S3Client);
const cloudwatchMock = mockClient(CloudWatchClient);
const dynamoMock = mockClient(DynamoDBDocumentClient);

const ID = '0b9a5c7e-1d2f-4a3b-8c4d-5e6f7a8b9c0d';
const UPLOAD_KEY = `uploads/alice/${ID}.jpg`;
const THUMB_KEY = `${ID}/v1/thumb.webp`;
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const OLD = ago(24 * 60);
const RECENT = ago(1);

/** What the image's record says S3 holds: the upload (1,000 bytes) and, when PROCESSED, a thumb (40 bytes). */
const uploadOnly = { 'uploads/': { objects: 1, bytes: 1000 } };
const withThumb = { ...uploadOnly, 'renditions/thumb': { objects: 1, bytes: 40 } };
const processed = (updatedAt: Date, status = 'PROCESSED') =>
  storedItem(ID, status, {
    bytes: 1000,
    renditions: [{ name: 'thumb', format: 'webp', key: THUMB_KEY, bytes: 40 }],
    updatedAt: updatedAt.toISOString(),
  });
const ledger = (contribution: LedgerFixture['contribution'], updatedAt: Date): LedgerFixture => ({
  imageId: ID,
  contribution,
  updatedAt: updatedAt.toISOString(),
});

function list(objects: { upload?: Date; thumb?: Date }): void {
  s3Mock.reset();
  serveListing(
    s3Mock,
    'uploads',
    objects.upload ? [{ Key: UPLOAD_KEY, Size: 1000, LastModified: objects.upload }] : [],
  );
  serveListing(
    s3Mock,
    'renditions',
    objects.thumb ? [{ Key: THUMB_KEY, Size: 40, LastModified: objects.thumb }] : [],
  );
}

/** Runs one reconcile over `tables` and returns the offset it stored and its summary. */
async function reconcile(tables: TablesFixture) {
  serveTables(dynamoMock, tables);
  const summary = await reconcileBucketMetrics(runDeps().deps);
  return { offset: storedOffsets(dynamoMock).at(-1), images: summary.images };
}

beforeEach(() => {
  s3Mock.reset();
  cloudwatchMock.reset();
  dynamoMock.reset();
  cloudwatchMock.on(PutMetricDataCommand).resolves({});
  s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });
});

describe('reconcileBucketMetrics: uploads in flight or settled', () => {
  it('leaves out of the offset an upload just put whose event is still on its way (no ledger)', async () => {
    list({ upload: RECENT });
    const { offset, images } = await reconcile({ counters: {}, ledgers: [], records: [] });

    expect(offset).toEqual({});
    expect(images).toEqual({ inFlight: 1, settled: 0, settledIds: [] });
  });

  it('puts into the offset an old upload no ledger and no record account for', async () => {
    list({ upload: OLD });
    const { offset, images } = await reconcile({ counters: {}, ledgers: [], records: [] });

    expect(offset).toEqual(uploadOnly);
    expect(images).toEqual({ inFlight: 0, settled: 1, settledIds: [ID] });
  });

  it('counts through the offset an image recorded before bucket-counters existed (old record, no ledger)', async () => {
    list({ upload: OLD, thumb: OLD });
    const { offset } = await reconcile({ counters: {}, ledgers: [], records: [processed(OLD)] });

    expect(offset).toEqual(withThumb);
  });

  it('leaves out an image whose record changed within the window, though its objects are old', async () => {
    list({ upload: OLD, thumb: OLD });
    const { offset, images } = await reconcile({ counters: {}, ledgers: [], records: [processed(RECENT)] });

    expect(offset).toEqual({});
    expect(images?.inFlight).toBe(1);
  });
});

describe('reconcileBucketMetrics: deletes in flight or settled', () => {
  it('leaves out a delete in flight: renditions gone, the ledger still has them and changed just now', async () => {
    list({});
    const { offset, images } = await reconcile({
      counters: withThumb,
      ledgers: [ledger(withThumb, RECENT)],
      records: [processed(OLD, 'DELETED')],
    });

    expect(offset).toEqual({});
    expect(images).toEqual({ inFlight: 1, settled: 0, settledIds: [] });
  });

  it('leaves out a delete whose record is DELETED while its old ledger still counts it (event not applied)', async () => {
    list({});
    const { offset, images } = await reconcile({
      counters: withThumb,
      ledgers: [ledger(withThumb, OLD)],
      records: [processed(OLD, 'DELETED')],
    });

    expect(offset).toEqual({});
    expect(images?.inFlight).toBe(1);
  });

  it('puts into the offset a rendition missing for good: old ledger and record agree, S3 has no thumb', async () => {
    list({ upload: OLD });
    const { offset, images } = await reconcile({
      counters: withThumb,
      ledgers: [ledger(withThumb, OLD)],
      records: [processed(OLD)],
    });

    expect(offset).toEqual({ 'renditions/thumb': { objects: -1, bytes: -40 } });
    expect(images).toEqual({ inFlight: 0, settled: 1, settledIds: [ID] });
  });

  it('reads no record when the listing matches the ledgers', async () => {
    list({ upload: OLD, thumb: OLD });
    await reconcile({ counters: withThumb, ledgers: [ledger(withThumb, OLD)], records: [processed(OLD)] });

    expect(dynamoMock.commandCalls(GetCommand)).toHaveLength(0);
  });
});

describe('reconcileBucketMetrics: the offset is recomputed, not accumulated', () => {
  it('stores the same offset on the second reconcile, and reports no drift then', async () => {
    list({ upload: OLD });
    const tables: TablesFixture = {
      counters: withThumb,
      ledgers: [ledger(withThumb, OLD)],
      records: [processed(OLD)],
    };
    const first = await reconcile(tables);
    cloudwatchMock.resetHistory();
    const second = await reconcile(tables);

    const missing = { 'renditions/thumb': { objects: -1, bytes: -40 } };
    expect(first.offset).toEqual(missing);
    expect(second.offset).toEqual(missing);
    // listing - counters - previous offset: the counters with the offset already match the listing.
    const thumb = { BucketName: 'renditions', Prefix: 'renditions/thumb' };
    expect(putValue(cloudwatchMock, 'CounterDrift', thumb)).toBe(0);
    expect(putValue(cloudwatchMock, 'NumberOfObjects', thumb)).toBe(0);
  });
});
