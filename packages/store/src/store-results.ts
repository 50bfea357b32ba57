import type { ImageFormat, ImageRecord, RejectReason } from '@pipeline/domain';

/** What ingest learned from the content of an accepted upload. */
export interface AcceptedImage {
  contentType: string;
  bytes: number;
  width: number;
  height: number;
  format: ImageFormat;
}

/** Why an upload (or, in resize, an accepted image) was rejected. */
export interface Rejection {
  reason: RejectReason;
  message: string;
  /** Size of the upload when known. */
  bytes?: number | undefined;
}

/** Outcome of an ingest write; `record` is the stored record (the new one when `recorded`). */
export interface IngestResult {
  outcome: 'recorded' | 'duplicate' | 'stale';
  record: ImageRecord | undefined;
}

/** Outcome of a status move: when not applied, `record` is the current record (if any). */
export type MarkResult =
  | { applied: true; record: ImageRecord }
  | { applied: false; record: ImageRecord | undefined };

/** Which upload a delete is about. */
export interface DeleteTarget {
  /** Order of the delete; for image.delete_requested pass the record's own orderKey. */
  orderKey: string;
  /** Only delete this upload (image.delete_requested); without it a tombstone may be written. */
  version?: string | undefined;
  /** Key of the removed object; guards against a UUID stem reused by another key. */
  key?: string | undefined;
  bucket?: string | undefined;
  owner?: string | null | undefined;
}

/** Outcome of `ImagesStore.markDeleted`: `previous` is the record before (undefined when a tombstone was created). */
export type DeleteResult =
  | { applied: true; previous: ImageRecord | undefined }
  | { applied: false; record: ImageRecord | undefined };
