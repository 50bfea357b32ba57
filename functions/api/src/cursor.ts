import { type ImageListQuery, isStatusPosition, pageKeyAttributes } from '@pipeline/store';
import { MalformedRequestError } from './errors.js';

/**
 * An opaque page cursor: base64url of the JSON of the store's `lastKey`
 * (DynamoDB's LastEvaluatedKey for an owner listing; one position per shard
 * for a status listing).
 */
export function encodeCursor(lastKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');
}

/**
 * Reads a cursor back into a start key for `query`. An owner listing's must
 * hold exactly the byOwner key attributes, as strings, with the same owner; a
 * status listing's must be a `StatusPosition` of the same status (see
 * `isStatusPosition`). So a cursor from another listing, or a hand-made one,
 * is refused rather than handed to DynamoDB.
 *
 * @throws {MalformedRequestError} naming `cursor`.
 */
export function decodeCursor(cursor: string, query: ImageListQuery): Record<string, unknown> {
  const invalid = () => new MalformedRequestError('cursor: not a cursor returned by this listing');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
  if (query.by === 'status') {
    if (!isStatusPosition(value, query.status)) throw invalid();
    return value as unknown as Record<string, unknown>;
  }
  const key = value as Record<string, unknown>;
  const wanted = pageKeyAttributes(query);
  const names = Object.keys(key);
  if (
    names.length !== wanted.length ||
    !wanted.every((name) => typeof key[name] === 'string' && key[name] !== '')
  )
    throw invalid();
  if (key.owner !== query.owner) throw invalid();
  return key;
}
