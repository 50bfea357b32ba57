import { type ImageListQuery, pageKeyAttributes } from '@pipeline/store';
import { MalformedRequestError } from './errors.js';

/** An opaque page cursor: base64url of the JSON of DynamoDB's LastEvaluatedKey. */
export function encodeCursor(lastKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');
}

/**
 * Reads a cursor back into a start key for `query`. It must hold exactly the
 * key attributes of that query's index, as strings, with the same hash key
 * value (the owner, or the status), so a cursor from another listing, or a
 * hand-made one, is refused rather than handed to DynamoDB.
 *
 * @throws {MalformedRequestError} naming `cursor`.
 */
export function decodeCursor(cursor: string, query: ImageListQuery): Record<string, string> {
  const invalid = () => new MalformedRequestError('cursor: not a cursor returned by this listing');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
  const key = value as Record<string, unknown>;
  const wanted = pageKeyAttributes(query);
  const names = Object.keys(key);
  if (
    names.length !== wanted.length ||
    !wanted.every((name) => typeof key[name] === 'string' && key[name] !== '')
  )
    throw invalid();
  const hash = query.by === 'owner' ? key.owner === query.owner : key.status === query.status;
  if (!hash) throw invalid();
  return key as Record<string, string>;
}
