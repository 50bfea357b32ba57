import type { ImageRecord } from '@pipeline/domain';
import { ImageEventType } from '@pipeline/events';
import type { MailerEvent } from './mailer-event.js';
import type { Recipient } from './recipient.js';
import { type EmailModel, renderHtml, renderText } from './render-email.js';

/** An email ready for MIME: subject, plain text and HTML bodies. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** What the email says besides the event: how to name and link the image, and to whom it goes. */
export interface EmailContext {
  /** See `imageName`. */
  name: string;
  /** See `imageLink`. */
  link: string;
  recipient: Exclude<Recipient, { kind: 'none' }>;
  /** The image record, when there is one (a tombstone has no size). */
  record: ImageRecord | undefined;
}

/**
 * The email about one event: a subject naming the image, a text and an
 * HTML body (the same words; the HTML escapes every value) with a link to
 * the image in the web app. Mail to the operations address says why it
 * went there.
 */
export function composeEmail(event: MailerEvent, context: EmailContext): EmailContent {
  const model = modelFor(event, context);
  return { subject: model.subject, text: renderText(model), html: renderHtml(model) };
}

function modelFor(event: MailerEvent, context: EmailContext): EmailModel {
  const { name, link, recipient } = context;
  const toOwner = recipient.kind === 'owner';
  const Your = toOwner ? 'Your' : 'The';
  const your = toOwner ? 'your' : 'the';
  const base = {
    link: { label: 'View the image', url: link },
    footer:
      recipient.kind === 'owner'
        ? 'Image Pipeline: you receive this email because you uploaded this image.'
        : `Image Pipeline: you receive this email at the operations address because ${recipient.why} (key ${event.key}).`,
  };
  switch (event.type) {
    case ImageEventType.PROCESSED:
      return {
        ...base,
        subject: `${Your} image "${name}" is ready`,
        paragraphs: [`${Your} image "${name}" has been processed: its web versions are ready to view.`],
        details: [...sizeDetail(context.record), ['Web versions', webVersions(event.renditions)]],
      };
    case ImageEventType.REJECTED:
      return {
        ...base,
        link: { label: 'See the upload', url: link },
        subject: `${Your} upload "${name}" was rejected`,
        paragraphs: [
          `${Your} upload "${name}" could not be used: ${event.message}`,
          'The file has been removed. You are welcome to upload another one.',
        ],
        details: [['Reason', event.reason]],
      };
    case ImageEventType.REVIEWED: {
      const approved = event.decision === 'APPROVED';
      return {
        ...base,
        subject: `${Your} image "${name}" was ${approved ? 'approved' : 'not approved'}`,
        paragraphs: [`A moderator ${approved ? 'approved' : 'did not approve'} ${your} image "${name}".`],
        details: [
          ...(event.reason ? ([['Reason', event.reason]] as const) : []),
          ['Reviewed', readableTime(event.reviewedAt)],
        ],
      };
    }
    case ImageEventType.DELETED:
      return {
        ...base,
        subject: `${Your} image "${name}" was deleted`,
        paragraphs: [`${Your} image "${name}" and its web versions have been deleted.`],
        details: [['Deleted', readableTime(event.occurredAt)]],
      };
  }
}

function sizeDetail(record: ImageRecord | undefined): Array<[string, string]> {
  if (!record?.width || !record.height) return [];
  const format = record.format ? ` ${record.format.toUpperCase()}` : '';
  return [['Original', `${record.width}×${record.height}${format}`]];
}

/** `thumb 150×113, small 480×360` (each size once, whatever its encodings). */
function webVersions(renditions: ReadonlyArray<{ name: string; width: number; height: number }>): string {
  const seen = new Map<string, string>();
  for (const r of renditions) if (!seen.has(r.name)) seen.set(r.name, `${r.name} ${r.width}×${r.height}`);
  return seen.size > 0 ? [...seen.values()].join(', ') : 'none';
}

/** `2024-05-06 07:08 UTC`. */
function readableTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
