import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockPipelineClients } from '@pipeline/testing';
import { describe, expect, it } from 'vitest';
import { acceptedBody, sqsEvent, storedItem, useQueueHandler } from './helpers.js';

const { s3: s3Mock, dynamo: dynamoMock } = mockPipelineClients();

const sqsEvent1 = (messageId: string, body: string) => sqsEvent({ [messageId]: body });

const handle = useQueueHandler('resize', () => import('../src/handler.js'));

describe('resize handler', () => {
  it('reports a transient failure in batchItemFailures', async () => {
    dynamoMock.on(GetCommand).resolves({ Item: storedItem('ACCEPTED') });
    s3Mock.on(GetObjectCommand).rejects(new Error('socket hang up'));
    const response = await handle(sqsEvent1('m-1', acceptedBody()));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
  });

  it('acknowledges a message that is not image.accepted', async () => {
    const response = await handle(sqsEvent1('m-2', '{"Records":[]}'));
    expect(response.batchItemFailures).toEqual([]);
  });
});
