import { GetObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockPipelineClients } from '@pipeline/testing';
import { describe, expect, it } from 'vitest';
import { body, emfDuring, makeJpeg, s3EventBody, sqsEvent, useQueueHandler } from './helpers.js';

const { s3: s3Mock, sns: snsMock, dynamo: dynamoMock } = mockPipelineClients();

const handle = useQueueHandler('ingest', () => import('../src/handler.js'), {
  POWERTOOLS_METRICS_NAMESPACE: 'ImagePipeline',
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
      handle(
        sqsEvent({
          good: s3EventBody('uploads/alice/good.jpg', { eTag: 'e1' }),
          junk: s3EventBody('uploads/alice/junk.jpg', { eTag: 'e2' }),
        }),
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
    expect(await emfDuring(() => handle(sqsEvent({ junk: 'not json' })))).toEqual([]);
  });
});
