/**
 * Lifecycle of an image. Status only moves forward:
 * UPLOADED -> ACCEPTED -> PROCESSED, ACCEPTED/UPLOADED -> REJECTED, and any
 * status -> DELETED, which is terminal. A new upload of the same key (a new
 * `version`) starts a new lifecycle; that is a replacement, not a transition.
 */
export const ImageStatus = {
  UPLOADED: 'UPLOADED',
  ACCEPTED: 'ACCEPTED',
  PROCESSED: 'PROCESSED',
  REJECTED: 'REJECTED',
  DELETED: 'DELETED',
} as const;

/** One of the {@link ImageStatus} values. */
export type ImageStatus = (typeof ImageStatus)[keyof typeof ImageStatus];

/** Every status, in lifecycle order. */
export const IMAGE_STATUSES: readonly ImageStatus[] = Object.values(ImageStatus);

const NEXT: Record<ImageStatus, readonly ImageStatus[]> = {
  UPLOADED: ['ACCEPTED', 'REJECTED', 'DELETED'],
  ACCEPTED: ['PROCESSED', 'REJECTED', 'DELETED'],
  PROCESSED: ['DELETED'],
  REJECTED: ['DELETED'],
  DELETED: [],
};

/** `true` when `from -> to` is a forward move; staying put is not a transition. */
export function canTransition(from: ImageStatus, to: ImageStatus): boolean {
  return NEXT[from].includes(to);
}

/** The statuses an image may move to from `from` (empty for DELETED). */
export function nextStatuses(from: ImageStatus): readonly ImageStatus[] {
  return NEXT[from];
}

/** `true` for a status no event can leave (DELETED). */
export function isTerminal(status: ImageStatus): boolean {
  return NEXT[status].length === 0;
}

/** Type guard for strings read from storage or messages. */
export function isImageStatus(value: unknown): value is ImageStatus {
  return typeof value === 'string' && (IMAGE_STATUSES as readonly string[]).includes(value);
}
