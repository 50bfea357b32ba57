import type { ImageRecord } from '@pipeline/domain';
import { withoutControlCharacters } from './text.js';

/** Longest image name put in a subject or a summary line; longer captions end in "…". */
export const MAX_NAME_LENGTH = 80;

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
