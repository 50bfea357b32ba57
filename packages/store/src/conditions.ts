/**
 * The condition expressions that keep status moving forward and let no older
 * event win. Pure strings, exported so tests can assert exactly what is sent.
 * Placeholders: `#attr` is the attribute of the same name (see `ATTR`).
 */

/** Order clause: the event is newer, or the same event's first delete of a live record. */
const NEWER_OR_SAME_LIVE = '(#orderKey < :orderKey OR (#orderKey = :orderKey AND #status <> :deleted))';

/**
 * Ingest (ACCEPTED or REJECTED) creates or replaces the record when:
 * - none exists; or
 * - it is the same key, this event is newer, and it is another upload
 *   (different version) or the old one was deleted (identical bytes re-uploaded); or
 * - it is another key whose image was deleted (a UUID/ULID stem reused after a delete).
 * Everything else is a duplicate (same key and version) or stale.
 */
export const INGEST_CONDITION =
  'attribute_not_exists(#imageId)' +
  ' OR (#key = :key AND #orderKey < :orderKey AND (attribute_not_exists(#version) OR #version <> :version OR #status = :deleted))' +
  ' OR (#key <> :key AND #status = :deleted)';

/** A duplicate of a live upload re-sent later (identical bytes, newer event) only moves its order key up. */
export const BUMP_ORDER_CONDITION =
  '#key = :key AND #version = :version AND #orderKey < :orderKey AND #status <> :deleted';

/** PROCESSED and resize's REJECTED only follow ACCEPTED, for the same upload. */
export const FROM_ACCEPTED_CONDITION = '#status = :accepted AND #version = :version';

/**
 * S3 ObjectRemoved: DELETED unless the record is newer, belongs to another key,
 * or is REJECTED (removing a rejected upload is the pipeline's own cleanup, and
 * the record keeps its reason for the owner; image.delete_requested can still
 * delete it). With no record, a DELETED tombstone is written so a late
 * ObjectCreated for the removed upload is ignored.
 */
export const DELETE_BY_ORDER_CONDITION = `attribute_not_exists(#imageId) OR (#key = :key AND #status <> :rejected AND ${NEWER_OR_SAME_LIVE})`;

/** Same, for a caller that does not know the key. */
export const DELETE_BY_ORDER_ANY_KEY_CONDITION = `attribute_not_exists(#imageId) OR (#status <> :rejected AND ${NEWER_OR_SAME_LIVE})`;

/**
 * image.delete_requested: DELETED only for exactly that upload (version), never a
 * newer one; no tombstone, as there is nothing to order against.
 */
export const DELETE_VERSION_CONDITION = `#version = :version AND ${NEWER_OR_SAME_LIVE}`;

/** `#name` placeholders used by the given expressions, mapped to attribute names. */
export function namesIn(...expressions: string[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const expression of expressions) {
    for (const match of expression.matchAll(/#(\w+)/g)) names[`#${match[1]}`] = match[1] as string;
  }
  return names;
}

/** The owner's edits (caption, takenAt, photographer): only their own image, and never a DELETED one. */
export const EDIT_DETAILS_CONDITION =
  'attribute_exists(#imageId) AND #owner = :owner AND #status <> :deleted';

/**
 * A moderator's review: only a valid, live image (ACCEPTED or PROCESSED) can
 * be reviewed; REJECTED uploads were never images, DELETED ones are gone. A
 * new review replaces the previous one.
 */
export const REVIEW_CONDITION = '#status IN (:accepted, :processed)';

/**
 * An edit from a trusted integration (a message on the events topic carries no
 * owner): any owner's image, and never a DELETED one.
 */
export const EDIT_DETAILS_ANY_OWNER_CONDITION = 'attribute_exists(#imageId) AND #status <> :deleted';

/**
 * A review that carries its own date (a message on the events topic, which may
 * be redelivered or arrive out of order): as {@link REVIEW_CONDITION}, and only
 * when the stored review is not later. An equal date is a redelivery and applies
 * again, so a retry after a failed publish still announces the review.
 */
export const REVIEW_IN_ORDER_CONDITION = `${REVIEW_CONDITION} AND (attribute_not_exists(#review.#reviewedAt) OR #review.#reviewedAt <= :reviewedAt)`;
