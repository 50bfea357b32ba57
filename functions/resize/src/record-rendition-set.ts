import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed, type ServiceDeps } from '@pipeline/aws';
import { ImageStatus, type Rendition } from '@pipeline/domain';

/**
 * Replaces a PROCESSED image's recorded renditions with a re-rendered set,
 * only while the image is still PROCESSED at `version` (a delete or a newer
 * upload since the listing wins). The images store has no such write (status
 * does not move), so it lives beside its one caller; the attribute names are
 * the record's field names (see @pipeline/store item.ts).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
 *
 * @returns whether the set was recorded.
 * @throws DynamoDB errors other than the refused condition (transient: the message is retried).
 */
export async function recordRenditionSet(
  deps: ServiceDeps,
  target: { imageId: string; version: string },
  renditions: readonly Rendition[],
  now: Date = new Date(),
): Promise<boolean> {
  try {
    await deps.clients.dynamo.send(
      new UpdateCommand({
        TableName: deps.config.imagesTable,
        Key: { imageId: target.imageId },
        UpdateExpression: 'SET #renditions = :renditions, #updatedAt = :now',
        ConditionExpression: '#status = :processed AND #version = :version',
        ExpressionAttributeNames: {
          '#renditions': 'renditions',
          '#updatedAt': 'updatedAt',
          '#status': 'status',
          '#version': 'version',
        },
        ExpressionAttributeValues: {
          ':renditions': renditions,
          ':now': now.toISOString(),
          ':processed': ImageStatus.PROCESSED,
          ':version': target.version,
        },
      }),
    );
    return true;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return false;
  }
}
