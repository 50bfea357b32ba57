import type { ImageRecord } from '@pipeline/domain';

/** An upload as ingest sees it. */
export interface UploadFacts {
  imageId: string;
  owner: string | null;
  bucket: string;
  key: string;
  /** S3 eTag, without quotes. */
  version: string;
  /** From `orderKeyFor`. */
  orderKey: string;
}

/** What ingest should do with an upload given the current record. */
export type UploadVerdict = 'write' | 'duplicate' | 'stale';

/**
 * The same rule as `INGEST_CONDITION`, in code, to classify a write that
 * the condition refused (and to document it in tests):
 * - `write`: no record, or this upload replaces it;
 * - `duplicate`: the same upload (key and version) is already recorded;
 * - `stale`: a newer event, or another key, owns the record.
 */
export function classifyUpload(existing: ImageRecord | undefined, upload: UploadFacts): UploadVerdict {
  if (!existing) return 'write';
  const deleted = existing.status === 'DELETED';
  if (existing.key !== upload.key) return deleted ? 'write' : 'stale';
  const newer = existing.orderKey < upload.orderKey;
  if (newer && (existing.version !== upload.version || deleted)) return 'write';
  return existing.version === upload.version ? 'duplicate' : 'stale';
}
