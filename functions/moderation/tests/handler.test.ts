import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { moderationBody, type QueueHandler, sqsEvent, storedItem, stubFunctionEnv } from './helpers.js';

const dynamoMock = mockClient(DynamoDBDocumentClient);
const snsMock = mockClient(SNSClient);
const context = { functionName: 'moderation', awsRequestId: 'req-1' } as Context;
let handler: QueueHandler;

beforeAll(async () => {
  stubFunctionEnv();
  ({ handler } = await import('../src/handler.js'));
});

beforeEach(() => {
  dynamoMock.reset();
  snsMock.reset();
  snsMock.on(PublishCommand).resolves({});
});

describe('moderation handler', () => {
  it('records good messages, retries transient failures and acknowledges malformed ones', async () => {
    dynamoMock.on(UpdateCommand).resolves({ Attributes: storedItem('img-a', 'PROCESSED') });
    dynamoMock
      .on(UpdateCommand, { Key: { imageId: 'img-throttled' } })
      .rejects(new Error('ThrottlingException'));

    const response = await handler(
      sqsEvent({
        pass: moderationBody('img-a', { status: 'Pass' }),
        throttled: moderationBody('img-throttled', { status: 'Pass' }),
        maybe: moderationBody('img-b', { status: 'Maybe' }),
        rejectWithoutReason: moderationBody('img-c', { status: 'Reject' }),
      }),
      context,
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'throttled' }]);
    expect(dynamoMock.commandCalls(UpdateCommand).map((call) => call.args[0].input.Key?.imageId)).toEqual([
      'img-a',
      'img-throttled',
    ]);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
  });
});
