import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { ImageRecord } from '@pipeline/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyReviewToDelivery } from '../src/apply-review.js';
import { deliveryDeps } from './helpers.js';

const s3Mock = mockClient(S3Client);
const snsMock = mockClient(SNSClient);
const cloudfrontMock = mockClient(CloudFrontClient);
const ID = 'img-1';
const KEYS = ['thumb.jpg', 'thumb.webp', 'small.jpg', 'small.webp'].map((file) => `${ID}/v1/${file}`);
const renditions = KEYS.map((key) => ({ key, name: 'thumb', format: 'jpeg', width: 1, height: 1, bytes: 1 }));

function image(decision: 'APPROVED' | 'REJECTED' | null, extra: Partial<ImageRecord> = {}): ImageRecord {
  return {
    imageId: ID,
    owner: 'alice',
    bucket: 'uploads',
    key: `uploads/alice/${ID}.jpg`,
    version: 'v1',
    status: 'PROCESSED',
    renditions,
    review: decision
      ? { decision, reason: 'x', reviewer: 'mod', reviewedAt: '2024-05-06T07:08:09.000Z' }
      : null,
    ...extra,
  } as unknown as ImageRecord;
}

const storeWith = (record: ImageRecord | undefined) => ({ get: async () => record });
const published = () =>
  snsMock.commandCalls(PublishCommand).map((c) => JSON.parse(c.args[0].input.Message ?? '{}'));

beforeEach(() => {
  s3Mock.reset();
  snsMock.reset();
  cloudfrontMock.reset();
  s3Mock.on(ListObjectsV2Command).resolves({ Contents: KEYS.map((Key) => ({ Key })) });
  s3Mock.on(DeleteObjectsCommand).resolves({});
  snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
  cloudfrontMock.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I1' } as never });
});

describe('applyReviewToDelivery', () => {
  it('withdraws a rejected image: deletes every rendition, then invalidates /<imageId>/*', async () => {
    const rejected = image('REJECTED');
    await expect(applyReviewToDelivery(deliveryDeps(), storeWith(rejected), rejected)).resolves.toBe(
      'withdrawn',
    );
    const deleted = s3Mock
      .commandCalls(DeleteObjectsCommand)[0]
      ?.args[0].input.Delete?.Objects?.map((o) => o.Key);
    expect(deleted).toEqual(KEYS);
    const paths =
      cloudfrontMock.commandCalls(CreateInvalidationCommand)[0]?.args[0].input.InvalidationBatch?.Paths;
    expect(paths).toEqual({ Quantity: 1, Items: [`/${ID}/*`] });
    expect(published()).toEqual([]);
  });

  it('withdraws again on a redelivery: nothing left to delete, the CDN purged again', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });
    const rejected = image('REJECTED');
    await expect(applyReviewToDelivery(deliveryDeps(), storeWith(rejected), rejected)).resolves.toBe(
      'withdrawn',
    );
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
    expect(cloudfrontMock.commandCalls(CreateInvalidationCommand)).toHaveLength(1);
  });

  it('restores an approved image whose renditions a rejection removed: image.accepted for resize', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [] });
    const approved = image('APPROVED');
    await expect(applyReviewToDelivery(deliveryDeps(), storeWith(approved), approved)).resolves.toBe(
      'restored',
    );
    expect(published()).toMatchObject([{ type: 'image.accepted', imageId: ID, version: 'v1' }]);
    expect(cloudfrontMock.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });

  it('changes nothing for an approval with every rendition in place (never rejected, or a repeat)', async () => {
    const approved = image('APPROVED');
    await expect(applyReviewToDelivery(deliveryDeps(), storeWith(approved), approved)).resolves.toBe(
      'unchanged',
    );
    expect(published()).toEqual([]);
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });

  it('leaves an approved image that is not PROCESSED yet to resize', async () => {
    const accepted = image('APPROVED', { status: 'ACCEPTED' } as Partial<ImageRecord>);
    await expect(applyReviewToDelivery(deliveryDeps(), storeWith(accepted), accepted)).resolves.toBe(
      'unchanged',
    );
    expect(published()).toEqual([]);
  });

  it('restores after its purge when an approval landed while it ran (approval before the purge finished)', async () => {
    s3Mock
      .on(ListObjectsV2Command)
      .resolvesOnce({ Contents: KEYS.map((Key) => ({ Key })) })
      .resolves({ Contents: [] });
    const rejected = image('REJECTED');
    const change = await applyReviewToDelivery(deliveryDeps(), storeWith(image('APPROVED')), rejected);
    expect(change).toBe('restored');
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(1);
    expect(published()).toMatchObject([{ type: 'image.accepted', imageId: ID }]);
  });

  it('stays withdrawn when the image was deleted meanwhile', async () => {
    const rejected = image('REJECTED');
    const deleted = image('REJECTED', { status: 'DELETED' } as Partial<ImageRecord>);
    await expect(applyReviewToDelivery(deliveryDeps(), storeWith(deleted), rejected)).resolves.toBe(
      'withdrawn',
    );
    expect(published()).toEqual([]);
  });
});
