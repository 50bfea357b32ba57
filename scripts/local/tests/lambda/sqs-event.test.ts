import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { buildContextInfo } from '../../lambda/invocation.ts';
import {
  buildSqsEvent,
  queueArnFromUrl,
  settleBatch,
  toLambdaMessageAttributes,
} from '../../lambda/sqs-event.ts';

const source = { queueArn: 'arn:aws:sqs:us-east-1:123456789012:local-ingest', region: 'us-east-1' };

function message(id: string, overrides: Partial<Message> = {}): Message {
  return {
    MessageId: id,
    ReceiptHandle: `rh-${id}`,
    Body: `{"n":"${id}"}`,
    MD5OfBody: 'md5',
    Attributes: {
      ApproximateReceiveCount: '2',
      SentTimestamp: '1700000000000',
      SenderId: 'AIDA',
      ApproximateFirstReceiveTimestamp: '1700000000001',
    },
    ...overrides,
  };
}

describe('buildSqsEvent', () => {
  it('builds one Lambda SQS record per message with the source queue and region', () => {
    const event = buildSqsEvent([message('a'), message('b')], source);

    expect(event.Records).toHaveLength(2);
    expect(event.Records[0]).toEqual({
      messageId: 'a',
      receiptHandle: 'rh-a',
      body: '{"n":"a"}',
      attributes: {
        ApproximateReceiveCount: '2',
        SentTimestamp: '1700000000000',
        SenderId: 'AIDA',
        ApproximateFirstReceiveTimestamp: '1700000000001',
      },
      messageAttributes: {},
      md5OfBody: 'md5',
      eventSource: 'aws:sqs',
      eventSourceARN: source.queueArn,
      awsRegion: 'us-east-1',
    });
  });

  it('converts message attributes to the camel-cased Lambda shape with base64 binaries', () => {
    const attributes = toLambdaMessageAttributes({
      type: { DataType: 'String', StringValue: 'image.accepted' },
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
    });

    expect(attributes).toEqual({
      type: { stringValue: 'image.accepted', stringListValues: [], binaryListValues: [], dataType: 'String' },
      blob: { binaryValue: 'AQID', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
    });
  });

  it('rejects a message without a receipt handle', () => {
    expect(() => buildSqsEvent([message('a', { ReceiptHandle: undefined })], source)).toThrow(
      /ReceiptHandle/,
    );
  });
});

describe('queueArnFromUrl', () => {
  it('derives the ARN from the account and name in the URL', () => {
    expect(queueArnFromUrl('http://127.0.0.1:4566/123456789012/local-ingest', 'eu-west-1')).toBe(
      'arn:aws:sqs:eu-west-1:123456789012:local-ingest',
    );
  });
});

describe('buildContextInfo', () => {
  it('sets the deadline from the timeout and names the function like Lambda', () => {
    const info = buildContextInfo({
      functionName: 'local-ingest',
      region: 'us-east-1',
      accountId: '123456789012',
      memoryMb: 1024,
      timeoutSeconds: 30,
      now: Date.UTC(2025, 0, 2),
      requestId: 'req-1',
    });

    expect(info).toEqual({
      functionName: 'local-ingest',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:local-ingest',
      memoryLimitInMB: '1024',
      awsRequestId: 'req-1',
      logGroupName: '/aws/lambda/local-ingest',
      logStreamName: '2025/01/02/[$LATEST]local',
      deadlineMs: Date.UTC(2025, 0, 2) + 30_000,
    });
  });

  it('gives every invocation a new request id', () => {
    const options = { functionName: 'f', region: 'r', accountId: '1', memoryMb: 128, timeoutSeconds: 1 };
    expect(buildContextInfo(options).awsRequestId).not.toBe(buildContextInfo(options).awsRequestId);
  });
});

describe('settleBatch', () => {
  const ids = ['a', 'b', 'c'];

  it.each([undefined, null, {}, { batchItemFailures: [] }, { batchItemFailures: null }, 'ok'])(
    'deletes every message when the handler returns %j',
    (result) => {
      expect(settleBatch(ids, { ok: true, result })).toEqual({ deleteIds: ids, failedIds: [] });
    },
  );

  it('keeps only the messages listed in batchItemFailures', () => {
    const settlement = settleBatch(ids, {
      ok: true,
      result: { batchItemFailures: [{ itemIdentifier: 'b' }] },
    });

    expect(settlement).toEqual({ deleteIds: ['a', 'c'], failedIds: ['b'] });
  });

  it.each([
    [{ batchItemFailures: [{ itemIdentifier: 'zzz' }] }, /zzz/],
    [{ batchItemFailures: [{ itemIdentifier: '' }] }, /""/],
    [{ batchItemFailures: [{ id: 'a' }] }, /undefined/],
    [{ batchItemFailures: 'a' }, /not a list/],
  ])('fails the whole batch for the invalid response %j', (result, reason) => {
    const settlement = settleBatch(ids, { ok: true, result });

    expect(settlement.deleteIds).toEqual([]);
    expect(settlement.failedIds).toEqual(ids);
    expect(settlement.batchFailure).toMatch(reason);
  });

  it.each(['error', 'timeout', 'crash', 'init'] as const)('deletes nothing after a handler %s', (kind) => {
    const settlement = settleBatch(ids, { ok: false, kind, message: 'boom' });

    expect(settlement).toEqual({ deleteIds: [], failedIds: ids, batchFailure: `${kind}: boom` });
  });
});
