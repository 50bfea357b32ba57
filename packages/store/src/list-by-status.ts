import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ImageRecord,
  type ImageStatus,
  STATUS_SHARD_COUNT,
  statusShardIndex,
  statusShardKeys,
} from '@pipeline/domain';
import { STATUS_SHARD_INDEX } from './indexes.js';
import { toRecord } from './item.js';

/**
 * Where a moderation listing stands in one shard: `start` (nothing read yet),
 * `end` (exhausted), or the last item handed out (its GSI key: imageId and
 * createdAt; the shard key follows from the status and the shard number).
 */
export type ShardPosition = 'start' | 'end' | { imageId: string; createdAt: string };

/** The `lastKey` / `startKey` of a status listing: one position per shard, shard 0 first. */
export interface StatusPosition {
  status: ImageStatus;
  shards: ShardPosition[];
}

/** One page of a status listing; `lastKey` is undefined once every shard is exhausted. */
export interface StatusPage {
  records: ImageRecord[];
  lastKey: StatusPosition | undefined;
}

interface ShardRead {
  items: Record<string, unknown>[];
  /** DynamoDB's LastEvaluatedKey: the shard may hold more. */
  more: Record<string, unknown> | undefined;
}

/**
 * Everyone's images in one status, newest first across the
 * STATUS_SHARD_COUNT shards of the `byStatusShard` index: each unfinished
 * shard is queried (in parallel) for up to `limit` items after its position,
 * the heads are merged by createdAt (ties: lower shard first), and each
 * shard's position moves past exactly the items handed out. So a page of N
 * holds the newest N not yet listed, whatever the spread over shards, and the
 * position is exact however uneven the shards are. Costs up to
 * STATUS_SHARD_COUNT × limit items read per page.
 *
 * @throws the SDK error (a `ValidationException` for a position DynamoDB refuses).
 */
export async function listByStatus(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  status: ImageStatus,
  options: { limit: number; start?: StatusPosition | undefined },
): Promise<StatusPage> {
  const keys = statusShardKeys(status);
  const positions = options.start?.shards ?? keys.map((): ShardPosition => 'start');
  const reads = await Promise.all(
    keys.map((shardKey, shard) => readShard(dynamo, tableName, shardKey, positions[shard], options.limit)),
  );
  const taken = keys.map(() => 0);
  const records: ImageRecord[] = [];
  while (records.length < options.limit) {
    let pick = -1;
    for (let shard = 0; shard < reads.length; shard += 1) {
      const head = reads[shard]?.items[taken[shard] as number];
      if (!head) continue;
      const best = pick < 0 ? undefined : reads[pick]?.items[taken[pick] as number];
      if (!best || String(head.createdAt) > String(best.createdAt)) pick = shard;
    }
    if (pick < 0) break;
    records.push(toRecord(reads[pick]?.items[taken[pick] as number] ?? {}));
    taken[pick] = (taken[pick] as number) + 1;
  }
  const next = reads.map((read, shard) =>
    nextPosition(read, taken[shard] as number, positions[shard] ?? 'start'),
  );
  return { records, lastKey: next.every((p) => p === 'end') ? undefined : { status, shards: next } };
}

async function readShard(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  shardKey: string,
  position: ShardPosition | undefined,
  limit: number,
): Promise<ShardRead> {
  if (position === 'end') return { items: [], more: undefined };
  const { Items, LastEvaluatedKey } = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: STATUS_SHARD_INDEX,
      KeyConditionExpression: '#statusShard = :shard',
      ExpressionAttributeNames: { '#statusShard': 'statusShard' },
      ExpressionAttributeValues: { ':shard': shardKey },
      ScanIndexForward: false,
      Limit: limit,
      ...(position && position !== 'start'
        ? {
            ExclusiveStartKey: {
              imageId: position.imageId,
              statusShard: shardKey,
              createdAt: position.createdAt,
            },
          }
        : {}),
    }),
  );
  return { items: Items ?? [], more: LastEvaluatedKey };
}

/** A shard's position after handing out `taken` of the items read from it. */
function nextPosition(read: ShardRead, taken: number, previous: ShardPosition): ShardPosition {
  if (previous === 'end') return 'end';
  if (taken === read.items.length) {
    // Everything read was handed out: DynamoDB's own key says whether more follow.
    if (!read.more) return 'end';
    return { imageId: String(read.more.imageId), createdAt: String(read.more.createdAt) };
  }
  if (taken === 0) return previous;
  const last = read.items[taken - 1] ?? {};
  return { imageId: String(last.imageId), createdAt: String(last.createdAt) };
}

/**
 * Checks that `value` (a decoded cursor) is a {@link StatusPosition} of
 * `status`: one entry per shard, each `start`, `end` or an item key whose
 * imageId belongs to that shard, and not every shard at `end`.
 */
export function isStatusPosition(value: unknown, status: ImageStatus): value is StatusPosition {
  if (typeof value !== 'object' || value === null) return false;
  const { status: s, shards, ...rest } = value as Record<string, unknown>;
  if (s !== status || Object.keys(rest).length > 0) return false;
  if (!Array.isArray(shards) || shards.length !== STATUS_SHARD_COUNT) return false;
  if (shards.every((p) => p === 'end')) return false;
  return shards.every((position: unknown, shard) => {
    if (position === 'start' || position === 'end') return true;
    if (typeof position !== 'object' || position === null) return false;
    const { imageId, createdAt, ...more } = position as Record<string, unknown>;
    return (
      Object.keys(more).length === 0 &&
      typeof imageId === 'string' &&
      imageId !== '' &&
      typeof createdAt === 'string' &&
      createdAt !== '' &&
      statusShardIndex(imageId) === shard
    );
  });
}
