import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockPipelineClients } from '@pipeline/testing';
import { describe, expect, it } from 'vitest';
import { acceptedBody, body, emfDuring, makeJpeg, sqsEvent, storedItem, useQueueHandler } from './helpers.js';

const { s3: s3Mock, sns: snsMock, dynamo: dynamoMock } = mockPipelineClients();

const handle = useQueueHandler('resize', () => import('../src/handler.js'), {
  POWERTOOLS_METRICS_NAMESPACE: 'ImagePipeline',
});

describe('resize handler metrics', () => {
  it('emits ImagesProcessed and the processing times in one EMF line for the invocation', async () => {
    const jpeg = await makeJpeg(300, 200);
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('ACCEPTED') });
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem('PROCESSED') });
    s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: body(jpeg) }));
    s3Mock.on(PutObjectCommand).resolves({});
    s3Mock.on(ListObjectsV2Command).resolves({}); // resize lists older versions' renditions to purge them
    snsMock.on(PublishCommand).resolves({});
    const secondsAgo = (s: number) => new Date(Date.now() - s * 1000).toISOString();

    const [emf, ...more] = await emfDuring(() =>
      handle(
        sqsEvent({
          a: acceptedBody({ occurredAt: secondsAgo(5) }),
          b: acceptedBody({ occurredAt: secondsAgo(2) }),
        }),
      ),
    );

    expect(more).toEqual([]);
    expect(emf?._aws).toMatchObject({
      CloudWatchMetrics: [
        {
          Namespace: 'ImagePipeline',
          Dimensions: [['service']],
          Metrics: expect.arrayContaining([
            { Name: 'ImagesProcessed', Unit: 'Count' },
            { Name: 'ProcessingMilliseconds', Unit: 'Milliseconds' },
            { Name: 'AcceptedToProcessedMilliseconds', Unit: 'Milliseconds' },
          ]),
        },
      ],
    });
    expect(emf?.service).toBe('resize');
    expect(emf?.ImagesProcessed).toEqual([1, 1]);
    const took = emf?.ProcessingMilliseconds as number[];
    expect(took).toHaveLength(2);
    for (const ms of took) expect(ms).toBeGreaterThan(0);
    const latencies = (emf?.AcceptedToProcessedMilliseconds ?? []) as number[];
    expect(latencies).toHaveLength(2);
    expect(Math.min(...latencies)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...latencies)).toBeGreaterThanOrEqual(5_000);
    expect(Math.max(...latencies)).toBeLessThan(60_000);
  });

  it('prints no metrics when no image was processed', async () => {
    expect(await emfDuring(() => handle(sqsEvent({ junk: '{"Records":[]}' })))).toEqual([]);
  });
});
