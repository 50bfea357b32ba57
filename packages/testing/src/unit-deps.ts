/**
 * Service dependencies for the functions' unit tests: real SDK clients (the
 * tests mock them with aws-sdk-client-mock), a config, a silent logger.
 */
import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PipelineConfig, ServiceDeps } from '@pipeline/aws';
import { ImagesStore } from '@pipeline/store';
import { sdkStreamMixin } from '@smithy/core/serde';
import sharp from 'sharp';
import { vi } from 'vitest';

export const config: PipelineConfig = {
  uploadsBucket: 'uploads',
  renditionsBucket: 'renditions',
  imagesTable: 'images',
  nearDuplicatesTable: 'near-duplicates',
  eventsTopicArn: 'arn:aws:sns:us-east-1:000000000000:image-events',
  maxUploadBytes: 1_000_000,
  maxInputPixels: 50_000_000,
};

/** A logger whose calls the test can inspect. */
export function quietLogger() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

/** What {@link deps} returns: a service's deps with the images store and an inspectable logger. */
export type UnitDeps = ServiceDeps & { store: ImagesStore; logger: ReturnType<typeof quietLogger> };

/** Service dependencies over real SDK clients, with the images store over the same DynamoDB client. */
export function deps(): UnitDeps {
  const region = 'us-east-1';
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region }));
  return {
    clients: { s3: new S3Client({ region }), sns: new SNSClient({ region }), dynamo },
    config,
    logger: quietLogger(),
    store: new ImagesStore(dynamo, config.imagesTable),
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
