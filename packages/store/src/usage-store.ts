import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@pipeline/aws';
import { ImageStatus } from '@pipeline/domain';
import { OWNER_INDEX } from './indexes.js';

/** What one owner's live images (neither DELETED nor REJECTED) add up to. */
export interface OwnerUsage {
  images: number;
  bytes: number;
}

/** Outcome of {@link UsageStore.takeUploadSlot}. */
export type RateDecision = { allowed: true; used: number } | { allowed: false; retryAfterSeconds: number };

/** Length of a rate window, in seconds (the limit is per minute). */
export const RATE_WINDOW_SECONDS = 60;

/**
 * Prefix of the imageId of an upload-rate counter item. Counters live in the
 * images table (no new table, no new IAM grant) but can never be mistaken for
 * an image: `#` is not allowed in an image id, and the items have neither
 * `owner` nor `statusShard`, so both GSIs leave them out.
 */
export const RATE_ITEM_PREFIX = 'limit#uploads#';

/**
 * Per-owner usage for quotas and the upload rate, kept in the images table.
 * DynamoDB errors other than a refused condition propagate unchanged.
 */
export class UsageStore {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Counts `owner`'s live images and their bytes from the byOwner index
   * (eventually consistent; bytes of a record ingest has not sized yet count 0).
   * Stops reading as soon as either total reaches `stopAt`: the caller is over
   * its quota then, so a query costs at most about one quota's worth of items.
   */
  async ownerUsage(owner: string, stopAt: OwnerUsage): Promise<OwnerUsage> {
    const usage: OwnerUsage = { images: 0, bytes: 0 };
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: OWNER_INDEX,
          KeyConditionExpression: '#owner = :owner',
          FilterExpression: '#status <> :deleted AND #status <> :rejected',
          ProjectionExpression: '#bytes',
          ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status', '#bytes': 'bytes' },
          ExpressionAttributeValues: {
            ':owner': owner,
            ':deleted': ImageStatus.DELETED,
            ':rejected': ImageStatus.REJECTED,
          },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        usage.images += 1;
        usage.bytes += typeof item.bytes === 'number' ? item.bytes : 0;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey && usage.images < stopAt.images && usage.bytes < stopAt.bytes);
    return usage;
  }

  /**
   * Takes one upload from `owner`'s fixed one-minute window when fewer than
   * `limit` were taken in it: a conditional `ADD` on the window's counter item,
   * atomic however many requests race. The item carries `expiresAt` (epoch
   * seconds, the table's TTL attribute) so DynamoDB deletes old windows.
   */
  async takeUploadSlot(owner: string, limit: number, now: Date): Promise<RateDecision> {
    const seconds = Math.floor(now.getTime() / 1000);
    const windowStart = seconds - (seconds % RATE_WINDOW_SECONDS);
    const windowEnd = windowStart + RATE_WINDOW_SECONDS;
    try {
      const { Attributes } = await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { imageId: `${RATE_ITEM_PREFIX}${owner}#${windowStart}` },
          UpdateExpression: 'ADD #uploads :one SET #expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(#uploads) OR #uploads < :limit',
          ExpressionAttributeNames: { '#uploads': 'uploads', '#expiresAt': 'expiresAt' },
          // A window's item is useless once the window ends; keep it a minute more for debugging.
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':expiresAt': windowEnd + RATE_WINDOW_SECONDS,
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { allowed: true, used: Number(Attributes?.uploads ?? 1) };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return { allowed: false, retryAfterSeconds: Math.max(1, windowEnd - seconds) };
    }
  }
}
