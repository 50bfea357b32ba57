/**
 * The items of the bucket-counters table (key `pk` + `sk`):
 *
 * - one ledger per image (`image#<imageId>` / `ledger`): the contribution
 *   last added to the counters for it, and a revision that every apply bumps;
 * - {@link COUNTER_SHARDS} counter shards (`counters` / `shard#<n>`): per
 *   Prefix value `o#<value>` (objects) and `b#<value>` (bytes), and `changes`,
 *   how many applies touched the shard (the change stamp reconcile compares);
 * - `counters` / `snapshot`: the last reconcile's listing of what the pipeline
 *   does not manage (other folders, root keys, stray rendition keys);
 * - `counters` / `offset`: the last reconcile's correction of the managed values.
 *
 * Everything bucket-metrics reads shares the partition `counters`, so one
 * Query returns it all.
 */
import { type Contribution, type CounterTally, MANAGED_GROUPS } from './counter-contribution.js';

/**
 * How many items the counters are spread over. An image always lands on the
 * same shard (a hash of its id), and two applies of different images
 * conflict in a transaction only when they share a shard, so 8 shards cut
 * TransactionConflict retries by 8 under a burst.
 */
export const COUNTER_SHARDS = 8;

/** Partition of the counter shards, the snapshot and the offset. */
export const COUNTERS_PK = 'counters';
export const SNAPSHOT_SK = 'snapshot';
export const OFFSET_SK = 'offset';

/** Key of an image's ledger. */
export function ledgerKey(imageId: string): { pk: string; sk: string } {
  return { pk: `image#${imageId}`, sk: 'ledger' };
}

/** Sort key of counter shard `shard`. */
export function shardSk(shard: number): string {
  return `shard#${shard}`;
}

/** The shard of an image: FNV-1a of its id, so it never moves. */
export function counterShardOf(imageId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < imageId.length; i += 1) {
    hash ^= imageId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % COUNTER_SHARDS;
}

/** Attribute names of a Prefix value's objects and bytes on a shard. */
export function counterAttributes(group: string): { objects: string; bytes: string } {
  return { objects: `o#${group}`, bytes: `b#${group}` };
}

/** A tally map as stored (a DynamoDB map of { objects, bytes }); unknown shapes read as zero. */
export function readTallies(value: unknown): Contribution {
  const out: Contribution = {};
  if (!value || typeof value !== 'object') return out;
  for (const [group, tally] of Object.entries(value as Record<string, Partial<CounterTally>>)) {
    out[group] = { objects: Number(tally?.objects ?? 0), bytes: Number(tally?.bytes ?? 0) };
  }
  return out;
}

/** The managed Prefix values of one counter shard item. */
export function readShard(item: Record<string, unknown>): Contribution {
  const out: Contribution = {};
  for (const group of MANAGED_GROUPS) {
    const names = counterAttributes(group);
    out[group] = { objects: Number(item[names.objects] ?? 0), bytes: Number(item[names.bytes] ?? 0) };
  }
  return out;
}
