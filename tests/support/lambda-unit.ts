/**
 * Shared fixtures for the functions' unit tests: a config, service
 * dependencies over real SDK clients (mocked with aws-sdk-client-mock in the
 * tests), and message bodies shaped as S3 and the pipeline send them.
 */
import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PipelineConfig, ServiceDeps } from '@pipeline/aws';
import { sdkStreamMixin } from '@smithy/core/serde';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import sharp from 'sharp';
import { vi } from 'vitest';

export const config: PipelineConfig = {
  uploadsBucket: 'uploads',
  renditionsBucket: 'renditions',
  imagesTable: 'images',
  eventsTopicArn: 'arn:aws:sns:us-east-1:000000000000:image-events',
  maxUploadBytes: 1_000_000,
  maxInputPixels: 50_000_000,
};

export function quietLogger() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

/** Service dependencies over real SDK clients (the tests mock them with aws-sdk-client-mock). */
export function deps(): ServiceDeps & { logger: ReturnType<typeof quietLogger> } {
  const region = 'us-east-1';
  return {
    clients: {
      s3: new S3Client({ region }),
      sns: new SNSClient({ region }),
      dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ region })),
    },
    config,
    logger: quietLogger(),
  };
}

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

/** A small real JPEG made with sharp. */
export function makeSmallJpeg(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .toBuffer();
}

/** A GetObject response body. */
export function body(bytes: Buffer) {
  return sdkStreamMixin(Readable.from([bytes]));
}

/** The shape of every queue handler: an SQS batch in, the failed message ids out. */
export type QueueHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

/** An SQS batch of first deliveries, one record per `messageId: body` entry. */
export function sqsEvent(bodies: Record<string, string>): SQSEvent {
  const Records = Object.entries(bodies).map(
    ([messageId, body]) =>
      ({ messageId, body, attributes: { ApproximateReceiveCount: '1' } }) as unknown as SQSRecord,
  );
  return { Records };
}

/** The environment a handler reads at import (what Terraform sets), from `config`. */
export function stubFunctionEnv(): void {
  vi.stubEnv('UPLOADS_BUCKET', config.uploadsBucket);
  vi.stubEnv('RENDITIONS_BUCKET', config.renditionsBucket);
  vi.stubEnv('IMAGES_TABLE', config.imagesTable);
  vi.stubEnv('EVENTS_TOPIC_ARN', config.eventsTopicArn);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
}

/** The EMF documents (Powertools Metrics lines) a handler printed on stdout during `run`. */
export async function emfDuring(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const write = vi.spyOn(process.stdout, 'write');
  try {
    await run();
    return write.mock.calls
      .map(([chunk]) => String(chunk))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  } finally {
    write.mockRestore();
  }
}
