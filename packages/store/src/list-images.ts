import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ImageRecord, ImageStatus } from '@pipeline/domain';
import { namesIn } from './conditions.js';
import { OWNER_INDEX } from './indexes.js';
import { toRecord } from './item.js';
import { isStatusPosition, listByStatus } from './list-by-status.js';

/** Which images to list, newest first. */
export type ImageListQuery =
  /** An owner's images (GSI byOwner), optionally only one status or all but one status. */
  | { by: 'owner'; owner: string; status?: ImageStatus | undefined; excludeStatus?: ImageStatus | undefined }
  /** Everyone's images in one status (GSI byStatusShard, every shard merged; see `listByStatus`). */
  | { by: 'status'; status: ImageStatus };

/** Paging for {@link listImages}. */
export interface ListOptions {
  /** At most this many records (1..1000). */
  limit: number;
  /** `lastKey` of the previous page (for a status listing, a `StatusPosition`). */
  startKey?: Record<string, unknown> | undefined;
  /** DynamoDB pages read at most to fill one page when a filter drops items (default 5). */
  maxReads?: number;
}

/** One page of records; `lastKey` is set when there may be more. */
export interface ImagePage {
  records: ImageRecord[];
  lastKey: Record<string, unknown> | undefined;
}

/** The key attributes an owner listing's `lastKey` holds (table key + byOwner key). */
export function pageKeyAttributes(_query: ImageListQuery & { by: 'owner' }): readonly string[] {
  return ['imageId', 'owner', 'createdAt'];
}

/**
 * Queries one page of images newest first (`ScanIndexForward = false`); a
 * status listing merges the shards of byStatusShard (see `listByStatus`) and
 * its `lastKey` is a `StatusPosition`.
 * A status filter on the owner index is applied after DynamoDB's `Limit`, so
 * this reads on (up to `maxReads` requests) until the page is full or the
 * index is exhausted; `lastKey` is always DynamoDB's own LastEvaluatedKey.
 *
 * @throws the SDK error (a `ValidationException` for a startKey that does not fit the index).
 * @throws {TypeError} for a status listing's startKey that is not a `StatusPosition` of that status.
 */
export async function listImages(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  query: ImageListQuery,
  options: ListOptions,
): Promise<ImagePage> {
  if (query.by === 'status') {
    const start = options.startKey;
    if (start !== undefined && !isStatusPosition(start, query.status))
      throw new TypeError(`startKey: not a position of the ${query.status} listing`);
    const page = await listByStatus(dynamo, tableName, query.status, { limit: options.limit, start });
    return { records: page.records, lastKey: page.lastKey ? { ...page.lastKey } : undefined };
  }
  const base = queryInput(tableName, query);
  const records: ImageRecord[] = [];
  let startKey = options.startKey;
  const maxReads = options.maxReads ?? 5;
  for (let read = 0; read < maxReads; read += 1) {
    const { Items, LastEvaluatedKey } = await dynamo.send(
      new QueryCommand({
        ...base,
        Limit: options.limit - records.length,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of Items ?? []) records.push(toRecord(item));
    startKey = LastEvaluatedKey;
    if (!startKey || records.length >= options.limit) break;
  }
  return { records, lastKey: startKey };
}

function queryInput(tableName: string, query: ImageListQuery & { by: 'owner' }): QueryCommandInput {
  const keys = '#owner = :owner';
  const values: Record<string, unknown> = { ':owner': query.owner };
  let filter: string | undefined;
  if (query.status) {
    filter = '#status = :status';
    values[':status'] = query.status;
  } else if (query.excludeStatus) {
    filter = '#status <> :excluded';
    values[':excluded'] = query.excludeStatus;
  }
  return {
    TableName: tableName,
    IndexName: OWNER_INDEX,
    KeyConditionExpression: keys,
    ...(filter ? { FilterExpression: filter } : {}),
    ExpressionAttributeNames: namesIn(keys, filter ?? ''),
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
  };
}
