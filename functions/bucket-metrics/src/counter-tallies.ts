import type { Contribution, CounterState } from '@pipeline/store';
import { add, boundGroups, type PrefixGrouping, type Tally, zero } from './prefix-groups.js';
import type { BucketTally } from './tally-bucket.js';

/** One bucket as the counters see it: its name, grouping, and the snapshot part for it. */
export interface CountedBucket {
  bucket: string;
  grouping: PrefixGrouping;
  /** The last reconcile's unmanaged groups of this bucket (empty before any). */
  unmanaged: Contribution;
}

/**
 * A bucket's tally without listing it: the managed Prefix values (the
 * grouping's `always` values) from the counters plus the last reconcile's
 * offset, the other values from the last reconcile's snapshot; bounded like
 * a listing, totals summed over the values.
 */
export function talliesFromCounters(state: CounterState, bucket: CountedBucket): BucketTally {
  const groups = new Map<string, Tally>(
    Object.entries(bucket.unmanaged).map(([name, tally]) => [name, { ...tally }]),
  );
  for (const name of bucket.grouping.always) {
    const group = groups.get(name) ?? zero();
    add(group, state.counters[name] ?? zero());
    add(group, state.offset[name] ?? zero());
    groups.set(name, group);
  }
  const prefixes = boundGroups(groups, bucket.grouping.always);
  const total = zero();
  for (const tally of prefixes.values()) add(total, tally);
  return { bucket: bucket.bucket, ...total, prefixes, pages: 0 };
}

/** A tally map as a plain object (what the snapshot item stores). */
export function asContribution(groups: ReadonlyMap<string, Tally>): Contribution {
  return Object.fromEntries([...groups].map(([name, tally]) => [name, { ...tally }]));
}
