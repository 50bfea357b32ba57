/** Message bodies and records shaped as S3, SNS and the pipeline put them on the queues. */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { config } from './unit-deps.js';

/** An S3 notification body as S3 (or moto) puts it on the queue. */
export function s3EventBody(
  key: string,
  options: { eventName?: string; size?: number; eTag?: string; eventTime?: string; bucket?: string } = {},
): string {
  return JSON.stringify({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventName: options.eventName ?? 'ObjectCreated:Put',
        eventTime: options.eventTime ?? '2024-05-06T07:08:09.123Z',
        s3: {
          bucket: { name: options.bucket ?? config.uploadsBucket },
          object: { key, size: options.size ?? 1000, eTag: options.eTag ?? 'etag-1' },
        },
      },
    ],
  });
}

/** A domain event body (`image.accepted`, `image.delete_requested`, …) about `imageId`. */
export function domainEventBody(
  type: string,
  imageId: string,
  overrides: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    type,
    imageId,
    version: 'v1',
    owner: 'alice',
    bucket: 'uploads',
    key: `uploads/alice/${imageId}.jpg`,
    occurredAt: '2024-05-06T07:08:09.123Z',
    ...overrides,
  });
}

/** The stored record of `imageId` in `status`, as the table holds it. */
export function storedItem(imageId: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    imageId,
    owner: 'alice',
    bucket: 'uploads',
    key: `uploads/alice/${imageId}.jpg`,
    version: 'v1',
    orderKey: '2024-05-06T07:08:09.123000Z',
    status,
    createdAt: '2024-05-06T07:08:10.000Z',
    updatedAt: '2024-05-06T07:08:10.000Z',
    ...extra,
  };
}

/** An SQS batch of first deliveries, one record per `messageId: body` entry. */
export function sqsEvent(bodies: Record<string, string>): SQSEvent {
  const Records = Object.entries(bodies).map(
    ([messageId, body]) =>
      ({ messageId, body, attributes: { ApproximateReceiveCount: '1' } }) as unknown as SQSRecord,
  );
  return { Records };
}

/** Event bodies and stored records about the one image a test file works on. */
export function aboutImage(imageId: string) {
  return {
    eventBody: (type: string, overrides: Record<string, unknown> = {}) =>
      domainEventBody(type, imageId, overrides),
    storedItem: (status: string, extra: Record<string, unknown> = {}) => storedItem(imageId, status, extra),
  };
}
