/**
 * What one image adds to the bucket counters: the objects and bytes its
 * record says S3 holds for it, per Prefix value of bucket-metrics' metrics
 * (`uploads/` in the uploads bucket, `renditions/<name>` in the renditions
 * bucket). Computed from the record alone (state, not events), so applying it
 * again, or out of order, lands on the same numbers.
 */
import { type ImageRecord, RENDITION_NAMES, type RenditionName, UPLOADS_PREFIX } from '@pipeline/domain';

/** Objects and bytes. */
export interface CounterTally {
  objects: number;
  bytes: number;
}

/** Prefix value -> tally; a Prefix value with nothing is left out. */
export type Contribution = Record<string, CounterTally>;

/** The Prefix value of the originals: the uploads bucket's `uploads/` folder. */
export const UPLOADS_GROUP = UPLOADS_PREFIX;

/** The Prefix value of one rendition name in the renditions bucket. */
export function renditionGroup(name: RenditionName): string {
  return `renditions/${name}`;
}

/** Every Prefix value the counters keep (the managed ones): `uploads/`, then each `renditions/<name>`. */
export const MANAGED_GROUPS: readonly string[] = [UPLOADS_GROUP, ...RENDITION_NAMES.map(renditionGroup)];

/**
 * The objects an image's record says are in S3:
 * - the upload, while the record is ACCEPTED or PROCESSED (ingest deletes a
 *   REJECTED upload; DELETED means it is gone or going);
 * - each rendition the record lists, while it is PROCESSED and not rejected
 *   by a moderator (a rejection deletes the renditions but keeps them listed
 *   in the record, so that an approval can render the same keys again).
 */
export function contributionOf(record: ImageRecord | undefined): Contribution {
  const contribution: Contribution = {};
  if (!record?.key.startsWith(UPLOADS_PREFIX)) return contribution;
  if (record.status !== 'ACCEPTED' && record.status !== 'PROCESSED') return contribution;
  addTo(contribution, UPLOADS_GROUP, { objects: 1, bytes: record.bytes ?? 0 });
  if (record.status === 'PROCESSED' && record.review?.decision !== 'REJECTED') {
    for (const rendition of record.renditions ?? []) {
      addTo(contribution, renditionGroup(rendition.name), { objects: 1, bytes: rendition.bytes });
    }
  }
  return contribution;
}

/** `next - previous` per Prefix value, leaving out the values that did not change. */
export function contributionDelta(next: Contribution, previous: Contribution): Contribution {
  const delta: Contribution = {};
  for (const group of new Set([...Object.keys(next), ...Object.keys(previous)])) {
    const objects = (next[group]?.objects ?? 0) - (previous[group]?.objects ?? 0);
    const bytes = (next[group]?.bytes ?? 0) - (previous[group]?.bytes ?? 0);
    if (objects !== 0 || bytes !== 0) delta[group] = { objects, bytes };
  }
  return delta;
}

/** `true` when a contribution (or a delta) holds nothing. */
export function isEmptyContribution(contribution: Contribution): boolean {
  return Object.keys(contribution).length === 0;
}

/** Adds `tally` to `group` of `into`. */
export function addTo(into: Contribution, group: string, tally: CounterTally): void {
  const current = into[group] ?? { objects: 0, bytes: 0 };
  into[group] = { objects: current.objects + tally.objects, bytes: current.bytes + tally.bytes };
}
