import type { ImageStatus } from './status.js';

/**
 * How many write shards each status is spread over in the images table's
 * `byStatusShard` index. A GSI keyed on the status alone puts every image of
 * one status (most of them PROCESSED) in one partition, whose write
 * throughput (1,000 WCU) then caps the whole pipeline; 8 shards lift that to
 * 8,000 WCU per status while a moderation page costs only 8 small Queries.
 * Changing it re-keys every item: run scripts/ops/backfill-status-shard.ts after.
 */
export const STATUS_SHARD_COUNT = 8;

/** Attribute of an image item that holds `<status>#<shard>` (hash key of `byStatusShard`). */
export const STATUS_SHARD_ATTRIBUTE = 'statusShard';

/**
 * The shard (0..STATUS_SHARD_COUNT-1) of an image: FNV-1a of its imageId, so
 * it is stable across status changes and spread evenly for UUIDs and any other id.
 */
export function statusShardIndex(imageId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < imageId.length; i += 1) {
    hash ^= imageId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % STATUS_SHARD_COUNT;
}

/** The `statusShard` value of an image in `status`: `<status>#<n>`. */
export function statusShardOf(status: ImageStatus, imageId: string): string {
  return statusShardKey(status, statusShardIndex(imageId));
}

/** The `statusShard` value of shard `shard` of `status`. */
export function statusShardKey(status: ImageStatus, shard: number): string {
  return `${status}#${shard}`;
}

/** Every `statusShard` value of one status, shard 0 first. */
export function statusShardKeys(status: ImageStatus): string[] {
  return Array.from({ length: STATUS_SHARD_COUNT }, (_, shard) => statusShardKey(status, shard));
}
