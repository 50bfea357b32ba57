/**
 * The detail view's edit form as data: what the person typed, checked the way
 * the API checks it (docs/api.md: caption ≤ 500, takenAt an ISO date,
 * photographer ≤ 100), and reduced to the fields that changed.
 */
import type { ImagePatch, ImageView } from '../api/types.ts';
import { isoDatePart } from '../ui/format.ts';

export const CAPTION_MAX = 500;
export const PHOTOGRAPHER_MAX = 100;

export type EditField = 'caption' | 'takenAt' | 'photographer';

export interface EditValues {
  caption: string;
  /** YYYY-MM-DD from <input type="date">, or "". */
  takenAt: string;
  photographer: string;
}

export type EditErrors = Partial<Record<EditField, string>>;

export interface EditCheck {
  patch: ImagePatch;
  errors: EditErrors;
  /** True when nothing differs from the record. */
  unchanged: boolean;
}

/** The form's starting values for a record. */
export function editValuesFrom(record: ImageView): EditValues {
  return {
    caption: record.caption ?? '',
    takenAt: isoDatePart(record.takenAt),
    photographer: record.photographer ?? '',
  };
}

function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Checks the form and builds the PATCH body from the changed fields.
 * `today` (YYYY-MM-DD) bounds the date taken; one day of slack covers time zones.
 */
export function checkEdit(values: EditValues, record: ImageView, today: string): EditCheck {
  const errors: EditErrors = {};
  const caption = values.caption.trim();
  const photographer = values.photographer.trim();
  const takenAt = values.takenAt.trim();
  if (caption.length > CAPTION_MAX) {
    errors.caption = `Caption must be ${CAPTION_MAX} characters or fewer (it has ${caption.length}).`;
  }
  if (photographer.length > PHOTOGRAPHER_MAX) {
    errors.photographer = `Photographer must be ${PHOTOGRAPHER_MAX} characters or fewer (it has ${photographer.length}).`;
  }
  if (takenAt && !isRealDate(takenAt)) {
    errors.takenAt = 'Date taken must be a real date (YYYY-MM-DD).';
  } else if (takenAt && isRealDate(today) && takenAt > nextDay(today)) {
    errors.takenAt = 'Date taken cannot be in the future.';
  }
  const before = editValuesFrom(record);
  const patch: ImagePatch = {};
  if (caption !== before.caption) patch.caption = caption;
  if (photographer !== before.photographer) patch.photographer = photographer;
  if (takenAt !== before.takenAt && takenAt) patch.takenAt = takenAt;
  if (!takenAt && before.takenAt) errors.takenAt ??= 'Date taken cannot be removed once set; pick a date.';
  return { patch, errors, unchanged: Object.keys(patch).length === 0 };
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Which field an API 400 message is about (it names the field), if any. */
export function fieldOfMessage(message: string): EditField | undefined {
  const lower = message.toLowerCase();
  if (lower.includes('takenat') || lower.includes('taken')) return 'takenAt';
  if (lower.includes('photographer')) return 'photographer';
  if (lower.includes('caption')) return 'caption';
  return undefined;
}

/** Today's local date as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
