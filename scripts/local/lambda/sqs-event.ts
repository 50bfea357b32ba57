/**
 * The pure half of the local Lambda service's queue polling: how an SQS
 * receive becomes the `SQSEvent` a real event source mapping would hand to
 * the handler, and how the handler's answer decides which messages to
 * delete. No I/O here, so the rules are unit-tested on their own.
 */
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttributes, SQSRecord, SQSRecordAttributes } from 'aws-lambda';
import type { InvocationOutcome } from './invocation.ts';

/** Where a batch came from: the queue's ARN and region, as Lambda stamps on each record. */
export interface EventSource {
  queueArn: string;
  region: string;
}

/** Which messages of a batch to delete and which to hand back to the queue. */
export interface Settlement {
  deleteIds: string[];
  failedIds: string[];
  /** Set when the whole batch failed, saying why. */
  batchFailure?: string;
}

/**
 * The queue ARN for a queue URL (`<endpoint>/<account>/<name>`), for when
 * GetQueueAttributes is not available.
 * @throws Error when `queueUrl` does not end in `/<account>/<name>`.
 */
export function queueArnFromUrl(queueUrl: string, region: string): string {
  const match = /\/(\d{12})\/([^/?#]+)\/?$/.exec(new URL(queueUrl).pathname);
  if (!match) throw new Error(`queueUrl: cannot derive an ARN from ${queueUrl}`);
  return `arn:aws:sqs:${region}:${match[1]}:${match[2]}`;
}

/** SQS message attributes in the camel-cased shape Lambda puts in `SQSRecord.messageAttributes`. */
export function toLambdaMessageAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined,
): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    const binary = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    out[name] = {
      ...(value.StringValue !== undefined && { stringValue: value.StringValue }),
      ...(value.BinaryValue !== undefined && { binaryValue: binary(value.BinaryValue) }),
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map(binary),
      dataType: value.DataType ?? 'String',
    };
  }
  return out;
}

/**
 * One received SQS message as a Lambda `SQSRecord`.
 * @throws Error when the message lacks an id, receipt handle or body.
 */
export function toSqsRecord(message: Message, source: EventSource): SQSRecord {
  const { MessageId, ReceiptHandle, Body } = message;
  if (!MessageId || !ReceiptHandle || Body === undefined) {
    throw new Error(`message: received an SQS message without MessageId/ReceiptHandle/Body`);
  }
  const attributes = message.Attributes ?? {};
  const record: SQSRecord = {
    messageId: MessageId,
    receiptHandle: ReceiptHandle,
    body: Body,
    attributes: {
      ...attributes,
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    } as SQSRecordAttributes,
    messageAttributes: toLambdaMessageAttributes(message.MessageAttributes),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: source.queueArn,
    awsRegion: source.region,
  };
  if (message.MD5OfMessageAttributes) record.md5OfMessageAttributes = message.MD5OfMessageAttributes;
  return record;
}

/** A batch of received messages as the `SQSEvent` Lambda would deliver. */
export function buildSqsEvent(messages: Message[], source: EventSource): SQSEvent {
  return { Records: messages.map((message) => toSqsRecord(message, source)) };
}

/**
 * Applies Lambda's ReportBatchItemFailures rules to an invocation outcome.
 * Success of all: no response, no/null/empty `batchItemFailures`. Failure of
 * all: the handler threw, timed out or crashed, or a failure entry has a
 * missing, empty or unknown `itemIdentifier`. Otherwise only the listed
 * messages fail.
 */
export function settleBatch(messageIds: string[], outcome: InvocationOutcome): Settlement {
  const all = (batchFailure: string): Settlement => ({
    deleteIds: [],
    failedIds: [...messageIds],
    batchFailure,
  });
  if (!outcome.ok) return all(`${outcome.kind}: ${outcome.message}`);

  const result = outcome.result;
  if (result === undefined || result === null || typeof result !== 'object') {
    return { deleteIds: [...messageIds], failedIds: [] };
  }
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { deleteIds: [...messageIds], failedIds: [] };
  if (!Array.isArray(failures)) return all('invalid response: batchItemFailures is not a list');

  const known = new Set(messageIds);
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !known.has(id)) {
      return all(`invalid response: itemIdentifier ${JSON.stringify(id)} is not a message of this batch`);
    }
    failed.add(id);
  }
  return {
    deleteIds: messageIds.filter((id) => !failed.has(id)),
    failedIds: messageIds.filter((id) => failed.has(id)),
  };
}
