import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { ImageEventType, type ImageProcessed, type ImageRejected } from '@pipeline/events';

/**
 * The one-line summary operators get on the notifications topic, e.g.
 * `PROCESSED "sunset.jpg" (3f2b…) owner 9d4a…: thumb, small` or
 * `REJECTED "notes.txt" (3f2b…) owner none: Image::NotAnImage: not an image`.
 */
export function summaryLine(event: ImageProcessed | ImageRejected, name: string): string {
  const who = `"${name}" (${event.imageId}) owner ${event.owner ?? 'none'}`;
  if (event.type === ImageEventType.PROCESSED) {
    const sizes = [...new Set(event.renditions.map((rendition) => rendition.name))];
    return `PROCESSED ${who}: ${sizes.length > 0 ? sizes.join(', ') : 'no renditions'}`;
  }
  return `REJECTED ${who}: ${event.reason}: ${event.message.replace(/\s+/g, ' ').trim()}`;
}

/**
 * Publishes the summary to the notifications topic. The SNS Subject (what an
 * email subscription shows as the subject) is fixed ASCII, as SNS requires;
 * the line itself names the image.
 *
 * @returns the SNS MessageId.
 * @throws the SDK error (transient), so the message is retried.
 */
export async function publishSummary(
  sns: SNSClient,
  topicArn: string,
  event: ImageProcessed | ImageRejected,
  name: string,
): Promise<string | null> {
  const response = await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: event.type === ImageEventType.PROCESSED ? 'Image processed' : 'Image rejected',
      Message: summaryLine(event, name),
      MessageAttributes: { type: { DataType: 'String', StringValue: event.type } },
    }),
  );
  return response.MessageId ?? null;
}
