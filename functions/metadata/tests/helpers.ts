import type { SQSEvent, SQSRecord } from 'aws-lambda';

export * from '@pipeline/testing';

/** A metadata message as an integration publishes it: the attribute names the field. */
export interface TestMessage {
  body: string;
  /** `metadata_type` attribute; omitted when undefined. */
  metadataType?: string;
}

/** An SQS batch as Lambda delivers it from a raw-delivery subscription: SNS attributes become SQS ones. */
export function metadataEvent(messages: Record<string, TestMessage>): SQSEvent {
  const Records = Object.entries(messages).map(
    ([messageId, { body, metadataType }]) =>
      ({
        messageId,
        body,
        attributes: { ApproximateReceiveCount: '1' },
        messageAttributes:
          metadataType === undefined
            ? {}
            : {
                metadata_type: {
                  stringValue: metadataType,
                  stringListValues: [],
                  binaryListValues: [],
                  dataType: 'String',
                },
              },
      }) as unknown as SQSRecord,
  );
  return { Records };
}

/** A metadata body `{ id, value }`. */
export const metadataBody = (id: string, value: unknown) => JSON.stringify({ id, value });
