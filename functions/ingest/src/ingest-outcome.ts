/** What ingest did with one S3 record. */
export type IngestOutcome =
  | 'accepted'
  | 'rejected'
  /** Same upload already recorded; image.accepted / image.rejected re-published to finish an interrupted run. */
  | 'republished'
  | 'duplicate'
  /** A newer event (or another key) owns the record. */
  | 'stale'
  /** The object is gone or was replaced before we read it. */
  | 'gone'
  /** Not an ObjectCreated event for the uploads bucket. */
  | 'skipped';
