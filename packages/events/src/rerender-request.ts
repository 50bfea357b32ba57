import * as z from 'zod';

/**
 * Type of the message `make rerender` sends straight to the resize queue
 * (not through the topic: no other function cares). It asks resize to bring
 * one PROCESSED image to the active rendition profile.
 */
export const RERENDER_REQUESTED = 'image.rerender_requested';

/** `image.rerender_requested`: re-render `imageId` at `version` if its renditions differ from the active profile. */
export const RerenderRequestSchema = z.object({
  type: z.literal(RERENDER_REQUESTED),
  imageId: z.string().min(1),
  /** The version (S3 eTag) the operator's listing saw PROCESSED; another version is left alone. */
  version: z.string().min(1),
  requestedAt: z.iso.datetime({ offset: true }),
});

/** A parsed `image.rerender_requested`. */
export type RerenderRequest = z.infer<typeof RerenderRequestSchema>;

/** The queue message body asking for a re-render of `imageId` at `version`. */
export function rerenderRequestBody(imageId: string, version: string, at = new Date()): string {
  const request: RerenderRequest = {
    type: RERENDER_REQUESTED,
    imageId,
    version,
    requestedAt: at.toISOString(),
  };
  return JSON.stringify(request);
}
