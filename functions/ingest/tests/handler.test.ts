import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { body, makeJpeg, type QueueHandler, s3EventBody, sqsEvent, stubFunctionEnv } from './helpers.js';

const s3Mock = mockClient(S3Client);
const snsMock = mockClient(SNSClient);
const dynamoMock = mockClient(DynamoDBDocumentClient);

const context = { functionName: 'ingest', awsRequestId: 'req-1' } as Context;
let handler: QueueHandler;
let jpeg: Buffer;

beforeAll(async () => {
  stubFunctionEnv();
  ({ handler } = await import('../src/handler.js'));
  jpeg = await makeJpeg();
});

beforeEach(() => {
  s3Mock.reset();
  snsMock.reset();
  dynamoMock.reset();
  snsMock.on(PublishCommand).resolves({});
  dynamoMock.on(PutCommand).resolves({});
});

describe('ingest handler', () => {
  it('reports only the message that failed transiently in batchItemFailures', async () => {
    s3Mock.on(GetObjectCommand, { Key: 'uploads/alice/good.jpg' }).resolves({ Body: body(jpeg) });
    s3Mock
      .on(GetObjectCommand, { Key: 'uploads/alice/flaky.jpg' })
      .rejects(
        new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: { httpStatusCode: 503 } }),
      );

    const response = await handler(
      sqsEvent({
        good: s3EventBody('uploads/alice/good.jpg'),
        flaky: s3EventBody('uploads/alice/flaky.jpg'),
      }),
      context,
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'flaky' }]);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('lists a lone failing message instead of failing the whole invocation', async () => {
    s3Mock.on(GetObjectCommand).rejects(new Error('socket hang up'));
    const response = await handler(sqsEvent({ only: s3EventBody('uploads/alice/x.jpg') }), context);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'only' }]);
  });

  it('acknowledges malformed messages and keys that are not ours', async () => {
    const response = await handler(
      sqsEvent({ junk: 'not json', foreign: s3EventBody('elsewhere/x.jpg'), empty: '{"Records":[]}' }),
      context,
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
  });
});
