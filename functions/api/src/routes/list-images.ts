import { ImageStatus } from '@pipeline/domain';
import type { ImageListQuery } from '@pipeline/store';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { ApiDeps, ApiRequest, ApiResult } from '../deps.js';
import { ForbiddenError, MalformedRequestError } from '../errors.js';
import { toImageView } from '../image-view.js';
import { parseWith } from '../request.js';
import { json } from '../responses.js';
import { ListImagesQuery } from '../schemas.js';

/**
 * GET /images: a page of images, newest first, with an opaque `nextCursor`
 * while there may be more.
 *
 * - Everyone: their own images (`?status=` filters; DELETED ones are hidden
 *   unless `?status=DELETED`).
 * - Moderators: `?owner=` lists that user's images the same way; `?status=`
 *   without `owner` lists everyone's images in that status (GSI
 *   byStatusShard: every shard queried and merged newest first).
 *
 * @throws {ForbiddenError} (403) for `?owner=` of someone else by a non-moderator.
 * @throws {MalformedRequestError} (400) for an invalid query or cursor.
 */
export async function listImages({ event, caller }: ApiRequest, deps: ApiDeps): Promise<ApiResult> {
  const params = parseWith(ListImagesQuery, event.queryStringParameters ?? {}, 'query');
  const owner = params.owner ?? caller.sub;
  if (owner !== caller.sub && !caller.isModerator) {
    throw new ForbiddenError("owner: only moderators may list another user's images");
  }
  const query: ImageListQuery =
    caller.isModerator && params.status && params.owner === undefined
      ? { by: 'status', status: params.status }
      : {
          by: 'owner',
          owner,
          status: params.status,
          excludeStatus: params.status ? undefined : ImageStatus.DELETED,
        };
  const startKey = params.cursor ? decodeCursor(params.cursor, query) : undefined;
  let page: Awaited<ReturnType<typeof deps.store.list>>;
  try {
    page = await deps.store.list(query, { limit: params.limit, startKey });
  } catch (error) {
    // A well-formed cursor DynamoDB still refuses (hand-made key values) is the caller's fault.
    if (startKey && (error as { name?: string }).name === 'ValidationException') {
      throw new MalformedRequestError('cursor: not a cursor returned by this listing', { cause: error });
    }
    throw error;
  }
  return json(200, {
    items: page.records.map((record) => toImageView(record, deps.config.renditionsBaseUrl)),
    ...(page.lastKey ? { nextCursor: encodeCursor(page.lastKey) } : {}),
  });
}
