import type { ImageFormat } from './formats.js';
import type { PerceptualHashes } from './near-duplicates.js';
import type { RenditionCrop } from './rendition-profile.js';
import type { RenditionFormat, RenditionName } from './renditions.js';
import type { ImageStatus } from './status.js';

/** Stable reason codes for a rejected upload (match `@pipeline/imaging`'s `InvalidImageError.reason`). */
export const REJECT_REASONS = [
  'Image::Empty',
  'Image::NotAnImage',
  'Image::UnsupportedFormat',
  'Image::Corrupt',
  'Image::TooLarge',
  'Image::TooManyPixels',
] as const;

/** One of {@link REJECT_REASONS}. */
export type RejectReason = (typeof REJECT_REASONS)[number];

/** A web rendition stored at `<imageId>/<version>/<name>.<ext>` in the renditions bucket. */
export interface Rendition {
  name: RenditionName;
  key: string;
  width: number;
  height: number;
  format: RenditionFormat;
  bytes: number;
  contentType: string;
  /** How it is framed; absent on renditions made before profiles ('none'). */
  crop?: RenditionCrop;
  /** `renditionProfileDigest` of the profile it was made with; absent before profiles. */
  profile?: string;
}

/** What a client paints while the image loads (computed from the smallest rendition at PROCESSED). */
export interface ImagePlaceholder {
  /** ThumbHash bytes, base64 (https://evanw.github.io/thumbhash/). */
  thumbHash: string;
  /** The most frequent colour, `#rrggbb`. */
  dominantColor: string;
}

/** What a moderator can decide about an image. */
export const REVIEW_DECISIONS = ['APPROVED', 'REJECTED'] as const;

/** One of {@link REVIEW_DECISIONS}. */
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A moderator's decision on an image (the latest one; a new review replaces it). */
export interface Review {
  decision: ReviewDecision;
  reason?: string | null;
  reviewer?: string | null;
  reviewedAt?: string;
}

/**
 * The image record: one item per image in the images table, keyed by `imageId`.
 * Fields the ingest step cannot know yet are `null`.
 */
export interface ImageRecord {
  imageId: string;
  /** Owner segment of the upload key; `null` for `uploads/<file>` keys. */
  owner: string | null;
  /** Bucket and key of the original upload. */
  bucket: string;
  key: string;
  /** S3 eTag (without quotes) of the upload this record describes. */
  version: string | null;
  /** Comparable position of the last S3 event applied (see `orderKeyFor`). */
  orderKey: string;
  contentType: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
  format: ImageFormat | null;
  status: ImageStatus;
  /** Reason code when REJECTED (e.g. `Image::Corrupt`). */
  statusReason: string | null;
  /** Human-readable explanation of `statusReason`. */
  statusMessage: string | null;
  renditions: Rendition[];
  caption: string | null;
  takenAt: string | null;
  photographer: string | null;
  review: Review | null;
  /** Set with PROCESSED; absent on records processed before placeholders existed. */
  placeholder?: ImagePlaceholder | null;
  /** Set with PROCESSED: the near-duplicate hashes (see near-duplicates.ts); absent on older records. */
  perceptualHashes?: PerceptualHashes | null;
  /** ISO-8601 timestamps. */
  createdAt: string;
  updatedAt: string;
}
