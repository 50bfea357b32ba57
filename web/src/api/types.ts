/** The API's shapes (docs/api.md). Absent fields may come as null. */
import type { ImageStatus, ReviewDecision } from '@pipeline/domain/product';

export type { ImageStatus, ReviewDecision };

export interface Rendition {
  name: string;
  format: string;
  width: number;
  height: number;
  url: string;
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
  srcset?: { jpeg?: string; webp?: string };
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
