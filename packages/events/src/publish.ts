import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { type DomainEvent, DomainEventSchema } from './domain-events.js';

/**
 * Publishes a domain event to the events topic: JSON body (what the queues'
 * MessageBody filter policies match) and a `type` String message attribute.
 * The event is validated first, so a malformed event fails at the producer.
 *
 * @returns the SNS MessageId.
 * @throws {z.ZodError} for an invalid event; the SDK error when SNS fails.
 */
export async function publishEvent(
  sns: SNSClient,
  topicArn: string,
  event: DomainEvent,
): Promise<string | undefined> {
  const valid = DomainEventSchema.parse(event);
  const response = await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Message: JSON.stringify(valid),
      MessageAttributes: { type: { DataType: 'String', StringValue: valid.type } },
    }),
  );
  return response.MessageId;
}
