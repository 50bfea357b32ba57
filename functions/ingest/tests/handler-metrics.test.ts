import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  body,
  emfDuring,
  makeJpeg,
  type QueueHandler,
  s3EventBody,
  sqsEvent,
  stubFunctionEnv,
} from './helpers.js';

const s3Mock = mockClient(S3Client);
const snsMock = mockClient(SNSClient);
const dynamoMock = mockClient(DynamoDBDocumentClient);
const context = { functionName: 'ingest', awsRequestId: 'req-1' } as Context;
let handler: QueueHandler;

beforeAll(async () => {
  stubFunctionEnv();
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'ImagePipeline');
  ({ handler } = await import('../src/handler.js'));
});

describe('ingest handler metrics', () => {
  it('counts accepted and rejected uploads in one EMF line per invocation, without extra dimensions', async () => {
    const jpeg = await makeJpeg();
    s3Mock.on(GetObjectCommand, { Key: 'uploads/alice/good.jpg' }).resolves({ Body: body(jpeg) });
    s3Mock
      .on(GetObjectCommand, { Key: 'uploads/alice/junk.jpg' })
      .resolves({ Body: body(Buffer.from('not an image at all')) });
    snsMock.on(PublishCommand).resolves({});
    dynamoMock.on(PutCommand).resolves({});
    dynamoMock.on(UpdateCommand).resolves({});

    const emf = await emfDuring(() =>
      handler(
        sqsEvent({
          good: s3EventBody('uploads/alice/good.jpg', { eTag: 'e1' }),
          junk: s3EventBody('uploads/alice/junk.jpg', { eTag: 'e2' }),
        }),
        context,
      ),
    );

    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'ImagePipeline', Dimensions: [['service']] }] },
      service: 'ingest',
      ImagesAccepted: 1,
      ImagesRejected: 1,
    });
  });

  it('prints no metrics for a batch with nothing to count', async () => {
    expect(await emfDuring(() => handler(sqsEvent({ junk: 'not json' }), context))).toEqual([]);
  });
});
