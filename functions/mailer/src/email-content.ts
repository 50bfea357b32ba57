import type { ImageRecord } from '@pipeline/domain';
import { ImageEventType } from '@pipeline/events';
import type { MailerEvent } from './mailer-message.js';
import type { Recipient } from './recipient.js';

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

/** The words of one email, rendered both as text and as HTML. */
interface EmailModel {
  subject: string;
  /** Plain text, one paragraph each; escaped in HTML. */
  paragraphs: string[];
  /** Label/value pairs shown as a small table. */
  details: ReadonlyArray<readonly [string, string]>;
  link: { label: string; url: string };
  footer: string;
}

/** Longest image name put in a subject or a summary line; longer captions end in "…". */
export const MAX_NAME_LENGTH = 80;

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

/** The text/plain body. */
function renderText(model: EmailModel): string {
  const width = Math.max(0, ...model.details.map(([label]) => label.length));
  const details = model.details.map(([label, value]) => `  ${`${label}:`.padEnd(width + 1)} ${value}`);
  return [
    'Hello,',
    ...model.paragraphs,
    ...(details.length > 0 ? [details.join('\n')] : []),
    `${model.link.label}: ${model.link.url}`,
    `-- \n${model.footer}`,
  ].join('\n\n');
}

/**
 * The text/html body. Every value goes through {@link escapeHtml}: captions,
 * reasons and file names are user text and must not become markup.
 */
function renderHtml(model: EmailModel): string {
  const rows = model.details
    .map(
      ([label, value]) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0;font-weight:600">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  return [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(model.subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328">',
    '<p>Hello,</p>',
    ...model.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    rows ? `<table role="presentation" style="border-collapse:collapse">${rows}</table>` : '',
    `<p><a href="${escapeHtml(model.link.url)}">${escapeHtml(model.link.label)}</a></p>`,
    `<p style="color:#59636e;font-size:small">${escapeHtml(model.footer)}</p>`,
    '</body></html>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and double- or single-quoted attributes. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/**
 * How the emails name an image: its caption when it has one, else the file
 * name of its upload key. One line (control characters and runs of spaces
 * collapse) of at most {@link MAX_NAME_LENGTH} characters, so a caption can
 * neither break a header nor flood a subject.
 */
export function imageName(record: Pick<ImageRecord, 'caption'> | undefined, key: string): string {
  const caption = record?.caption ? oneLine(record.caption) : '';
  const name = caption !== '' ? caption : oneLine(key.split('/').at(-1) ?? key) || key;
  const chars = [...name];
  return chars.length > MAX_NAME_LENGTH ? `${chars.slice(0, MAX_NAME_LENGTH - 1).join('')}…` : name;
}

/** The web app's page of one image: `<WEB_APP_URL>/#/images/<imageId>` (web/src/router.ts). */
export function imageLink(webAppUrl: string, imageId: string): string {
  return `${webAppUrl.replace(/\/+$/, '')}/#/images/${encodeURIComponent(imageId)}`;
}

function oneLine(text: string): string {
  return withoutControlCharacters(text).replace(/\s+/g, ' ').trim();
}

/**
 * `text` with every run of control characters (C0, DEL, and the Unicode line
 * and paragraph separators) replaced by one space: what a header or a
 * one-line name must never hold.
 */
export function withoutControlCharacters(text: string): string {
  let out = '';
  let inRun = false;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
    if (control && !inRun) out += ' ';
    if (!control) out += char;
    inRun = control;
  }
  return out;
}
