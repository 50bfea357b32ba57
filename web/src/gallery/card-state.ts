/**
 * What a gallery card shows, as plain data: a local upload that may not have
 * a record yet, or an image the API knows about. Pure functions, so the
 * timing rules (404 while ingest catches up, Deleting until DELETED) are
 * unit-tested without a browser.
 */
import type { ImageStatus, ImageView } from '../api/types.ts';

export const TERMINAL_STATUSES: readonly ImageStatus[] = ['PROCESSED', 'REJECTED', 'DELETED'];
/** How long a finished upload may read 404 (ingest has not recorded it yet) before we give up. */
export const RECORD_WAIT_MS = 120_000;

export interface CardState {
  /** Stable key: the imageId, or a local key before POST /uploads answered. */
  key: string;
  imageId?: string;
  /** Local file name, when this tab uploaded it. */
  filename?: string;
  /** Object URL of the local file, shown until the thumbnail exists. */
  previewUrl?: string;
  /** 0..1 while uploading; undefined once sent. */
  progress?: number;
  /** Why the upload failed (set: the card stays until dismissed). */
  uploadError?: string;
  record?: ImageView;
  /** Epoch ms since which we wait for a record (after the upload finished). */
  waitingSince?: number;
  /** A delete was requested; the card says Deleting until the record is DELETED. */
  deleting?: boolean;
  /** The record never appeared within RECORD_WAIT_MS. */
  lost?: boolean;
  /** DELETED: the card leaves the gallery. */
  gone?: boolean;
}

export type Tone = 'busy' | 'ok' | 'bad' | 'muted';

export interface DisplayStatus {
  label: string;
  tone: Tone;
  /** A sentence with more detail (e.g. the reject reason), if any. */
  detail?: string;
}

const REASONS: Record<string, string> = {
  'Image::NotAnImage': 'The file is not an image.',
  'Image::Corrupt': 'The image is damaged and cannot be read.',
  'Image::TooLarge': 'The file is larger than 50 MiB.',
  'Image::TooManyPixels': 'The image has more than 50 megapixels.',
  'Image::UnsupportedFormat': 'This image format is not supported (use JPEG, PNG, WebP, GIF, AVIF or TIFF).',
  'Image::Empty': 'The file is empty.',
};

/** A sentence for a reject reason code; unknown codes are shown as they are. */
export function reasonText(code: string | null | undefined, message?: string | null): string {
  if (code && REASONS[code]) return REASONS[code];
  return message || code || 'No reason was given.';
}

export function isTerminal(status: ImageStatus | undefined): boolean {
  return status !== undefined && TERMINAL_STATUSES.includes(status);
}

/** The badge and detail a card shows. */
export function displayStatus(card: CardState): DisplayStatus {
  if (card.uploadError) return { label: 'Upload failed', tone: 'bad', detail: card.uploadError };
  if (card.progress !== undefined) {
    return { label: `Uploading ${Math.round(card.progress * 100)}%`, tone: 'busy' };
  }
  if (card.gone || card.record?.status === 'DELETED') return { label: 'Deleted', tone: 'muted' };
  if (card.deleting) return { label: 'Deleting', tone: 'busy' };
  if (card.lost) {
    return {
      label: 'Not found',
      tone: 'bad',
      detail: 'The upload finished but the photo never appeared. Try uploading it again.',
    };
  }
  const record = card.record;
  if (!record || record.status === 'UPLOADED' || record.status === 'ACCEPTED') {
    return { label: 'Processing', tone: 'busy' };
  }
  if (record.status === 'REJECTED') {
    return { label: 'Rejected', tone: 'bad', detail: reasonText(record.statusReason, record.statusMessage) };
  }
  if (record.review?.decision === 'REJECTED') {
    return {
      label: 'Rejected by moderator',
      tone: 'bad',
      detail: record.review.reason ? `Reason: ${record.review.reason}` : undefined,
    };
  }
  if (record.review?.decision === 'APPROVED') return { label: 'Approved', tone: 'ok' };
  return { label: 'Ready', tone: 'ok' };
}

/** True while the card's image may still change status, so the gallery keeps polling it. */
export function needsPolling(card: CardState): boolean {
  if (!card.imageId || card.uploadError || card.lost || card.gone) return false;
  if (card.progress !== undefined) return false;
  if (card.deleting) return card.record?.status !== 'DELETED';
  return !isTerminal(card.record?.status);
}

export type PollResult = { record: ImageView } | { notFound: true };

/** The card after one GET /images/{id}. */
export function applyPoll(card: CardState, result: PollResult, now: number): CardState {
  if ('record' in result) {
    const next: CardState = { ...card, record: result.record, waitingSince: undefined };
    if (result.record.status === 'DELETED') next.gone = true;
    return next;
  }
  // 404: a deleted image may vanish from the API; a fresh upload is not recorded yet.
  if (card.deleting || card.record) return { ...card, gone: true };
  const since = card.waitingSince ?? now;
  if (now - since > RECORD_WAIT_MS) return { ...card, lost: true };
  return { ...card, waitingSince: since };
}

/** The sentence announced (aria-live) when a card's status label changes, if any. */
export function statusAnnouncement(before: CardState | undefined, after: CardState): string | undefined {
  const was = before ? displayStatus(before) : undefined;
  const now = displayStatus(after);
  if (was?.label === now.label || now.label.startsWith('Uploading')) return undefined;
  const name = after.filename ?? after.record?.caption ?? 'A photo';
  return `${name}: ${now.label}${now.detail ? `. ${now.detail}` : ''}`;
}
