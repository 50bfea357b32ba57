import { nearDuplicatesTableOf } from '@pipeline/aws';
import type { ImageRecord } from '@pipeline/domain';
import { NearDuplicateIndex } from '@pipeline/store';
import type { ApiDeps } from './deps.js';

/** The near-duplicate an image view names: an earlier live upload of the same owner. */
export interface DuplicateOf {
  imageId: string;
  /** Hamming distance of the perceptual hashes (see `nearDuplicateDistance` in @pipeline/domain). */
  distance: number;
}

/** Most candidate records read per lookup: the nearest few decide, the rest are even less alike. */
const MAX_CANDIDATE_READS = 5;

/**
 * The nearest earlier, live (neither DELETED nor REJECTED, nor rejected by a
 * moderator) image of the same owner within the near-duplicate threshold, or
 * `null`; a moderator-rejected image gets none either. Computed at view time,
 * so a deleted or replaced duplicate is never named: the bands of the index
 * (at most 2 x NEAR_DUPLICATE_BANDS Queries), then the candidates'
 * records, nearest first, until one is live (at most {@link MAX_CANDIDATE_READS}).
 * Only earlier uploads count: "a photo you already uploaded" is the older one.
 */
export async function findDuplicateOf(deps: ApiDeps, record: ImageRecord): Promise<DuplicateOf | null> {
  const hashes = record.perceptualHashes;
  if (!record.owner || !hashes || !isLive(record)) return null;
  const index = new NearDuplicateIndex(deps.clients.dynamo, nearDuplicatesTableOf(deps.config));
  const candidates = await index.candidates(record.owner, record.imageId, hashes);
  for (const candidate of candidates.slice(0, MAX_CANDIDATE_READS)) {
    const other = await deps.store.get(candidate.imageId);
    if (!other || other.owner !== record.owner || !isLive(other) || !isEarlier(other, record)) continue;
    // The index keeps a replaced upload's hashes until resize takes them off: trust the record's.
    const current = other.perceptualHashes;
    if (current?.full !== candidate.hashes.full || current.centre !== candidate.hashes.centre) continue;
    return { imageId: other.imageId, distance: candidate.distance };
  }
  return null;
}

/** Neither gone nor rejected: a moderator's rejection leaves the status PROCESSED and hides the image. */
function isLive(record: ImageRecord): boolean {
  return (
    record.status !== 'DELETED' && record.status !== 'REJECTED' && record.review?.decision !== 'REJECTED'
  );
}

function isEarlier(other: ImageRecord, record: ImageRecord): boolean {
  return (
    other.createdAt < record.createdAt ||
    (other.createdAt === record.createdAt && other.imageId < record.imageId)
  );
}
