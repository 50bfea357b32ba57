import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { RedriveError, redriveQueue, resolveQueue, toSendEntry } from '../redrive-queue.ts';

const DLQ = 'http://localhost:4566/123456789012/local-ingest-dlq';
const QUEUE = 'http://localhost:4566/123456789012/local-ingest';
const sqsMock = mockClient(SQSClient);
const sqs = new SQSClient({ region: 'us-east-1' });

const message = (n: number): Message => ({
  MessageId: `id-${n}`,
  ReceiptHandle: `receipt-${n}`,
  Body: `{"n":${n}}`,
  MessageAttributes: { type: { DataType: 'String', StringValue: `t${n}` } },
});
const messages = (from: number, count: number) => Array.from({ length: count }, (_, i) => message(from + i));

/** Accepts every entry of every SendMessageBatch. */
const acceptAll = () =>
  sqsMock.on(SendMessageBatchCommand).callsFake((input: { Entries: SendMessageBatchRequestEntry[] }) => ({
    Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: `new-${e.Id}`, MD5OfMessageBody: 'x' })),
    Failed: [],
  }));

const sentBodies = () =>
  sqsMock
    .commandCalls(SendMessageBatchCommand)
    .flatMap((c) => (c.args[0].input.Entries ?? []).map((e) => e.MessageBody));
const deletedReceipts = () =>
  sqsMock
    .commandCalls(DeleteMessageBatchCommand)
    .flatMap((c) => (c.args[0].input.Entries ?? []).map((e) => e.ReceiptHandle));

beforeEach(() => {
  sqsMock.reset();
  sqsMock.on(DeleteMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
    Successful: input.Entries.map((e) => ({ Id: e.Id })),
    Failed: [],
  }));
});

describe('redriveQueue: moving dead letters', () => {
  it('sends every dead letter to the source queue, then deletes exactly those from the DLQ', async () => {
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: messages(0, 10) })
      .resolvesOnce({ Messages: messages(10, 10) })
      .resolvesOnce({ Messages: messages(20, 7) })
      .resolves({ Messages: [] });
    acceptAll();

    const result = await redriveQueue({ sqs, dlqUrl: DLQ, queueUrl: QUEUE });

    expect(result).toEqual({ moved: 27, notSent: 0, notDeleted: 0, timedOut: false });
    expect(sentBodies()).toEqual(messages(0, 27).map((m) => m.Body));
    expect(deletedReceipts()).toEqual(messages(0, 27).map((m) => m.ReceiptHandle));
    for (const call of sqsMock.commandCalls(SendMessageBatchCommand))
      expect(call.args[0].input.QueueUrl).toBe(QUEUE);
    for (const call of sqsMock.commandCalls(DeleteMessageBatchCommand))
      expect(call.args[0].input.QueueUrl).toBe(DLQ);
  });

  it('receives 10 at a time with every message attribute and hides them for the whole run', async () => {
    sqsMock.on(ReceiveMessageCommand).resolves({ Messages: [] });

    await redriveQueue({ sqs, dlqUrl: DLQ, queueUrl: QUEUE, visibilityTimeoutSeconds: 600 });

    expect(sqsMock.commandCalls(ReceiveMessageCommand)[0]?.args[0].input).toMatchObject({
      QueueUrl: DLQ,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
      VisibilityTimeout: 600,
    });
  });

  it('stops only after several empty receives in a row (SQS can answer empty while messages remain)', async () => {
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [] })
      .resolvesOnce({ Messages: [] })
      .resolvesOnce({ Messages: messages(0, 2) })
      .resolves({ Messages: [] });
    acceptAll();

    const result = await redriveQueue({ sqs, dlqUrl: DLQ, queueUrl: QUEUE, emptyReceivesToStop: 3 });

    expect(result.moved).toBe(2);
    expect(sqsMock.commandCalls(ReceiveMessageCommand)).toHaveLength(6);
  });
});

describe('redriveQueue: failures and refusals', () => {
  it('leaves in the DLQ every message the source queue refused', async () => {
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: messages(0, 3) })
      .resolves({ Messages: [] });
    sqsMock.on(SendMessageBatchCommand).resolves({
      Successful: [
        { Id: 'm0', MessageId: 'a', MD5OfMessageBody: 'x' },
        { Id: 'm2', MessageId: 'b', MD5OfMessageBody: 'x' },
      ],
      Failed: [{ Id: 'm1', SenderFault: false, Code: 'InternalError' }],
    });

    const result = await redriveQueue({ sqs, dlqUrl: DLQ, queueUrl: QUEUE });

    expect(result).toMatchObject({ moved: 2, notSent: 1 });
    expect(deletedReceipts()).toEqual(['receipt-0', 'receipt-2']);
  });

  it('deletes nothing of a batch whose send failed as a whole, and says how many it had moved', async () => {
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: messages(0, 10) })
      .resolvesOnce({ Messages: messages(10, 5) })
      .resolves({ Messages: [] });
    sqsMock
      .on(SendMessageBatchCommand)
      .callsFakeOnce((input: { Entries: SendMessageBatchRequestEntry[] }) => ({
        Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: 'n', MD5OfMessageBody: 'x' })),
        Failed: [],
      }))
      .rejects(new Error('throttled'));

    const run = redriveQueue({ sqs, dlqUrl: DLQ, queueUrl: QUEUE });

    await expect(run).rejects.toBeInstanceOf(RedriveError);
    await expect(run).rejects.toMatchObject({
      message: 'SendMessageBatch failed after 10 moved: throttled',
      result: { moved: 10 },
    });
    expect(deletedReceipts()).toEqual(messages(0, 10).map((m) => m.ReceiptHandle));
  });

  it('counts messages it sent but could not delete from the DLQ', async () => {
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: messages(0, 2) })
      .resolves({ Messages: [] });
    acceptAll();
    sqsMock.on(DeleteMessageBatchCommand).resolves({
      Successful: [{ Id: 'm0' }],
      Failed: [{ Id: 'm1', SenderFault: true, Code: 'ReceiptHandleIsInvalid' }],
    });

    expect(await redriveQueue({ sqs, dlqUrl: DLQ, queueUrl: QUEUE })).toMatchObject({
      moved: 1,
      notDeleted: 1,
    });
  });

  it('refuses FIFO queues and a visibility timeout too short for a run', async () => {
    await expect(redriveQueue({ sqs, dlqUrl: DLQ, queueUrl: `${QUEUE}.fifo` })).rejects.toThrow(/FIFO/);
    await expect(
      redriveQueue({ sqs, dlqUrl: DLQ, queueUrl: QUEUE, visibilityTimeoutSeconds: 5 }),
    ).rejects.toThrow(/visibilityTimeoutSeconds/);
    expect(sqsMock.calls()).toHaveLength(0);
  });
});

describe('toSendEntry', () => {
  it('keeps the body and each attribute type and value, and drops system attributes', () => {
    const binary = new Uint8Array([1, 2, 3]);
    const entry = toSendEntry(
      {
        MessageId: 'old',
        ReceiptHandle: 'r',
        Body: 'hello',
        Attributes: { ApproximateReceiveCount: '4' },
        MessageAttributes: {
          type: { DataType: 'String', StringValue: 'image.accepted', StringListValues: [] },
          size: { DataType: 'Number', StringValue: '42' },
          blob: { DataType: 'Binary', BinaryValue: binary },
        },
      },
      'm3',
    );

    expect(entry).toEqual({
      Id: 'm3',
      MessageBody: 'hello',
      MessageAttributes: {
        type: { DataType: 'String', StringValue: 'image.accepted' },
        size: { DataType: 'Number', StringValue: '42' },
        blob: { DataType: 'Binary', BinaryValue: binary },
      },
    });
  });

  it('sends no MessageAttributes for a message without any', () => {
    expect(toSendEntry({ Body: 'x' }, 'm0')).toEqual({ Id: 'm0', MessageBody: 'x' });
  });
});

describe('resolveQueue', () => {
  const functions = {
    ingest: { queue_url: QUEUE, dlq_url: DLQ },
    api: { queue_url: null, dlq_url: null },
  };
  const ingest = { name: 'ingest', queueUrl: QUEUE, dlqUrl: DLQ };

  it('takes a function name, its queue name or its DLQ name', () => {
    expect(resolveQueue(functions, 'ingest')).toEqual(ingest);
    expect(resolveQueue(functions, 'local-ingest')).toEqual(ingest);
    expect(resolveQueue(functions, 'local-ingest-dlq')).toEqual(ingest);
  });

  it('names the queue functions when the name matches none (functions without a queue do not count)', () => {
    expect(() => resolveQueue(functions, 'api')).toThrow(
      'no queue "api": use a queue function\'s name (ingest)',
    );
  });
});
