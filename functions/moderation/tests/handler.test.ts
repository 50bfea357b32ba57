import { PublishCommand } from '@aws-sdk/client-sns';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockPipelineClients, updatesThrottledFor } from '@pipeline/testing';
import { describe, expect, it } from 'vitest';
import { moderationBody, sqsEvent, storedItem, useQueueHandler } from './helpers.js';

const { sns: snsMock, dynamo: dynamoMock } = mockPipelineClients();

const handle = useQueueHandler('moderation', () => import('../src/handler.js'));

describe('moderation handler', () => {
  it('records good messages, retries transient failures and acknowledges malformed ones', async () => {
    updatesThrottledFor(dynamoMock, 'img-throttled', storedItem('img-a', 'PROCESSED'));

    const response = await handle(
      sqsEvent({
        pass: moderationBody('img-a', { status: 'Pass' }),
        throttled: moderationBody('img-throttled', { status: 'Pass' }),
        maybe: moderationBody('img-b', { status: 'Maybe' }),
        rejectWithoutReason: moderationBody('img-c', { status: 'Reject' }),
      }),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'throttled' }]);
    expect(dynamoMock.commandCalls(UpdateCommand).map((call) => call.args[0].input.Key?.imageId)).toEqual([
      'img-a',
      'img-throttled',
    ]);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
  });
});
