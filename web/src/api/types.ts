/** The API's shapes (docs/api.md). Absent fields may come as null. */
import type { ImageStatus, ReviewDecision } from '@pipeline/domain/product';

export type { ImageStatus, ReviewDecision };

export interface Rendition {
  name: string;
  format: string;
  width: number;
  height: number;
  url: string;
  /** 'square-attention' for the square crop; 'none' (or absent, from an older API) for the whole image. */
  crop?: string;
}

export interface Review {
  decision: ReviewDecision;
  reason?: string;
  reviewer?: string;
  reviewedAt?: string;
}

export interface ImageView {
  imageId: string;
  owner: string | null;
  status: ImageStatus;
  statusReason?: string | null;
  /** A sentence about the status (e.g. why it was rejected), when the pipeline gave one. */
  statusMessage?: string | null;
  contentType?: string | null;
  bytes?: number | null;
  width?: number | null;
  height?: number | null;
  format?: string | null;
  caption?: string | null;
  takenAt?: string | null;
  photographer?: string | null;
  review?: Review | null;
  createdAt?: string | null;
  updatedAt?: string | null;
  renditions?: Rendition[] | null;
  srcset?: { jpeg?: string; webp?: string; avif?: string };
  /** `<picture>` sources of the whole image, best format first (AVIF, WebP, JPEG). */
  sources?: PictureSource[];
  /** The same for the square crop cut around the subject (gallery grids); empty without one. */
  squareSources?: PictureSource[];
  /** What to paint while the image loads (null before PROCESSED). */
  placeholder?: { thumbHash: string; dominantColor: string } | null;
  /** GET /images/{id} only: an earlier live upload of the same owner that looks the same. */
  duplicateOf?: { imageId: string; distance: number } | null;
}

/** One `<source>` the API suggests: type, srcset and a `sizes` for a full-width layout. */
export interface PictureSource {
  type: string;
  srcset: string;
  sizes: string;
}

export interface ImagePage {
  items: ImageView[];
  nextCursor?: string;
}

export interface UploadTicket {
  imageId: string;
  key: string;
  upload: { url: string; fields: Record<string, string> };
  expiresAt: string;
}

export interface ImagePatch {
  caption?: string;
  takenAt?: string;
  photographer?: string;
}

export interface ListQuery {
  status?: ImageStatus;
  limit?: number;
  cursor?: string;
  owner?: string;
}
