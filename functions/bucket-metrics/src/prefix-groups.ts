/**
 * How keys become values of the `Prefix` dimension. Every distinct value is a
 * separate CloudWatch metric (billed per month), so the set of values is
 * bounded: the renditions bucket has one value per rendition name, and the
 * uploads bucket one per top-level folder up to {@link MAX_PREFIXES}.
 */
import { parseRenditionProfile, parseUploadKey } from '@pipeline/domain';

/** The active profile's size names (RENDITION_PROFILE from Terraform's rendition_profile; unset: the default). */
const RENDITION_NAMES = parseRenditionProfile(process.env.RENDITION_PROFILE).sizes.map((size) => size.name);

/** Prefix value of keys at the root of a bucket (no `/` in the key). */
export const ROOT_PREFIX = '/';
/** Prefix value that sums the groups beyond a grouping's `maxGroups`, and unexpected rendition keys. */
export const OTHER_PREFIX = '(other)';
/** The most Prefix values one bucket reports (including OTHER_PREFIX). */
export const MAX_PREFIXES = 12;

const RENDITION_KEY = /^[^/]+\/[^/]+\/([^/.]+)\.[^/]+$/;

/** How one bucket's keys are grouped into Prefix values. */
export interface PrefixGrouping {
  /** The Prefix value of `key`. */
  groupOf(key: string): string;
  /**
   * Values reported even when no key falls in them (as 0), so a dashboard
   * shows zero, not a gap. They are also the values the bucket counters keep
   * (the managed ones, see @pipeline/store counter-contribution.ts).
   */
  always: readonly string[];
  /**
   * Whether the pipeline manages `key`, so the counters account for it; the
   * other keys are counted by the daily reconcile's listing only.
   */
  isManaged(key: string): boolean;
}

/**
 * Uploads bucket: the top-level folder with its slash (`uploads/` holds the
 * originals; any other folder is reported as its own value), {@link ROOT_PREFIX}
 * for keys at the root.
 */
export const uploadsGrouping: PrefixGrouping = {
  groupOf(key) {
    const slash = key.indexOf('/');
    return slash < 0 ? ROOT_PREFIX : key.slice(0, slash + 1);
  },
  always: ['uploads/'],
  // The keys ingest records an image for: under uploads/ with a file name (not a folder marker).
  isManaged: (key) => parseUploadKey(key) !== null,
};

/**
 * Renditions bucket (keys `<imageId>/<version>/<name>.<ext>`): one value per
 * rendition name, `renditions/<name>`; keys of any other shape count as
 * {@link OTHER_PREFIX}. The values are groups, not literal key prefixes.
 */
export const renditionsGrouping: PrefixGrouping = {
  groupOf(key) {
    const name = RENDITION_KEY.exec(key)?.[1];
    return name && RENDITION_NAMES.includes(name) ? `renditions/${name}` : OTHER_PREFIX;
  },
  always: RENDITION_NAMES.map((name) => `renditions/${name}`),
  isManaged(key) {
    return this.groupOf(key) !== OTHER_PREFIX;
  },
};

/** Objects and bytes of one group (or of a whole bucket). */
export interface Tally {
  objects: number;
  bytes: number;
}

/**
 * Bounds a bucket's groups to `max` values: the `always` values (zero-filled)
 * and then the other groups in key order (stable from run to run); what does
 * not fit is summed into {@link OTHER_PREFIX}.
 */
export function boundGroups(
  groups: ReadonlyMap<string, Tally>,
  always: readonly string[],
  max = MAX_PREFIXES,
): Map<string, Tally> {
  const bounded = new Map<string, Tally>(always.map((name) => [name, groups.get(name) ?? zero()]));
  const rest = [...groups.keys()].filter((name) => !bounded.has(name) && name !== OTHER_PREFIX).sort();
  const needsOther = groups.has(OTHER_PREFIX) || bounded.size + rest.length > max;
  const room = Math.max(0, max - bounded.size - (needsOther ? 1 : 0));
  const other = { ...(groups.get(OTHER_PREFIX) ?? zero()) };
  rest.forEach((name, index) => {
    const tally = groups.get(name) as Tally;
    if (index < room) bounded.set(name, tally);
    else add(other, tally);
  });
  if (needsOther) bounded.set(OTHER_PREFIX, other);
  return bounded;
}

/** A fresh zero tally. */
export function zero(): Tally {
  return { objects: 0, bytes: 0 };
}

/** Adds `more` into `into`. */
export function add(into: Tally, more: Tally): void {
  into.objects += more.objects;
  into.bytes += more.bytes;
}
