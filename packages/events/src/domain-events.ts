import {
  type ImageRecord,
  REJECT_REASONS,
  RENDITION_FORMAT_NAMES,
  RENDITION_NAME_PATTERN,
  REVIEW_DECISIONS,
  type Rendition,
} from '@pipeline/domain';
import * as z from 'zod';

/** Event type names, as published in the body `type` and the `type` message attribute. */
export const ImageEventType = {
  ACCEPTED: 'image.accepted',
  REJECTED: 'image.rejected',
  PROCESSED: 'image.processed',
  DELETED: 'image.deleted',
  DELETE_REQUESTED: 'image.delete_requested',
  REVIEWED: 'image.reviewed',
} as const;

const common = {
  imageId: z.string().min(1),
  /** S3 eTag of the upload the event is about. */
  version: z.string().min(1),
  owner: z.string().nullable(),
  bucket: z.string().min(1),
  key: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
};

const RenditionSchema = z.object({
  // Any size name of the deployment's profile (Terraform rendition_profile), not a fixed list.
  name: z.string().regex(RENDITION_NAME_PATTERN),
  key: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: z.enum(RENDITION_FORMAT_NAMES),
  bytes: z.number().int().nonnegative(),
  contentType: z.string().min(1),
});

/** `image.accepted`: ingest validated the upload; resize picks it up. */
export const ImageAcceptedSchema = z.object({ type: z.literal(ImageEventType.ACCEPTED), ...common });
/** `image.rejected`: the upload was not a usable image; it has been removed. */
export const ImageRejectedSchema = z.object({
  type: z.literal(ImageEventType.REJECTED),
  ...common,
  reason: z.enum(REJECT_REASONS),
  message: z.string(),
});
/** `image.processed`: renditions are written. */
export const ImageProcessedSchema = z.object({
  type: z.literal(ImageEventType.PROCESSED),
  ...common,
  renditions: z.array(RenditionSchema),
});
/** `image.deleted`: the image is DELETED and its renditions are gone. */
export const ImageDeletedSchema = z.object({ type: z.literal(ImageEventType.DELETED), ...common });
/** `image.delete_requested`: someone asked (through the API) to delete this version of the image. */
export const ImageDeleteRequestedSchema = z.object({
  type: z.literal(ImageEventType.DELETE_REQUESTED),
  ...common,
});

/**
 * `image.reviewed`: a moderator approved or rejected the image (through the
 * API). The image's status does not change; the mailer tells the owner.
 */
export const ImageReviewedSchema = z.object({
  type: z.literal(ImageEventType.REVIEWED),
  ...common,
  decision: z.enum(REVIEW_DECISIONS),
  reason: z.string().nullable(),
  /** `sub` of the moderator. */
  reviewer: z.string().min(1),
  reviewedAt: z.iso.datetime({ offset: true }),
});

/** Every domain event, discriminated by `type`. */
export const DomainEventSchema = z.discriminatedUnion('type', [
  ImageAcceptedSchema,
  ImageRejectedSchema,
  ImageProcessedSchema,
  ImageDeletedSchema,
  ImageDeleteRequestedSchema,
  ImageReviewedSchema,
]);

export type ImageAccepted = z.infer<typeof ImageAcceptedSchema>;
export type ImageRejected = z.infer<typeof ImageRejectedSchema>;
export type ImageProcessed = z.infer<typeof ImageProcessedSchema>;
export type ImageDeleted = z.infer<typeof ImageDeletedSchema>;
export type ImageDeleteRequested = z.infer<typeof ImageDeleteRequestedSchema>;
export type ImageReviewed = z.infer<typeof ImageReviewedSchema>;
/** Any domain event. */
export type DomainEvent = z.infer<typeof DomainEventSchema>;
/** One of the {@link ImageEventType} values. */
export type DomainEventType = DomainEvent['type'];

/** The fields every event shares, taken from a record. */
export type EventSubject = Pick<ImageRecord, 'imageId' | 'owner' | 'bucket' | 'key'> & { version: string };

/**
 * Common event fields for `subject` (`occurredAt` = now unless given).
 * Spread it into an event literal: `{ type: ImageEventType.ACCEPTED, ...eventFields(record) }`.
 */
export function eventFields(subject: EventSubject, occurredAt: Date = new Date()) {
  return {
    imageId: subject.imageId,
    version: subject.version,
    owner: subject.owner,
    bucket: subject.bucket,
    key: subject.key,
    occurredAt: occurredAt.toISOString(),
  };
}

/** Renditions as carried in `image.processed` (the same shape the record stores). */
export function renditionsForEvent(renditions: readonly Rendition[]): ImageProcessed['renditions'] {
  return renditions.map(({ name, key, width, height, format, bytes, contentType }) => ({
    name,
    key,
    width,
    height,
    format,
    bytes,
    contentType,
  }));
}
