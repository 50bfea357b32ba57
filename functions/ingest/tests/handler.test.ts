import { GetObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockPipelineClients, s3Error } from '@pipeline/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { body, makeJpeg, s3EventBody, sqsEvent, useQueueHandler } from './helpers.js';

const { s3: s3Mock, sns: snsMock, dynamo: dynamoMock } = mockPipelineClients();

let jpeg: Buffer;

const handle = useQueueHandler('ingest', () => import('../src/handler.js'));

beforeAll(async () => {
  jpeg = await makeJpeg();
});

beforeEach(() => {
  dynamoMock.on(PutCommand).resolves({});
});

describe('ingest handler', () => {
  it('reports only the message that failed transiently in batchItemFailures', async () => {
    s3Mock.on(GetObjectCommand, { Key: 'uploads/alice/good.jpg' }).resolves({ Body: body(jpeg) });
    s3Mock.on(GetObjectCommand, { Key: 'uploads/alice/flaky.jpg' }).rejects(s3Error('SlowDown', 503));

    const response = await handle(
      sqsEvent({
        good: s3EventBody('uploads/alice/good.jpg'),
        flaky: s3EventBody('uploads/alice/flaky.jpg'),
      }),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'flaky' }]);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('lists a lone failing message instead of failing the whole invocation', async () => {
    s3Mock.on(GetObjectCommand).rejects(new Error('socket hang up'));
    const response = await handle(sqsEvent({ only: s3EventBody('uploads/alice/x.jpg') }));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'only' }]);
  });

  it('acknowledges malformed messages and keys that are not ours', async () => {
    const response = await handle(
      sqsEvent({ junk: 'not json', foreign: s3EventBody('elsewhere/x.jpg'), empty: '{"Records":[]}' }),
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
  });
});
