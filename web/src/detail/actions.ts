/** Download original and Delete, for the detail view. */

import type { ImageView } from '../api/types.ts';
import type { AppContext } from '../app-context.ts';
import { announce } from '../ui/announce.ts';
import { h, replaceChildren } from '../ui/dom.ts';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/tiff': 'tif',
};

/** A file name for the downloaded original (the API keeps no original file name). */
export function originalFileName(record: ImageView): string {
  const ext = EXTENSIONS[record.contentType ?? ''] ?? record.format ?? 'bin';
  return `${record.imageId}.${ext}`;
}

function clickLink(href: string, download?: string) {
  const link = h('a', { href, download, target: download ? undefined : '_blank', rel: 'noopener' });
  document.body.append(link);
  link.click();
  link.remove();
}

function downloadSection(ctx: AppContext, record: ImageView): HTMLElement {
  const status = h('p', { class: 'form-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'button' }, 'Download original');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Preparing the download…';
    try {
      const download = await ctx.api.originalDownload(record.imageId);
      if ('url' in download) {
        // A short-lived presigned URL: open it now, and leave a link in case a popup blocker said no.
        clickLink(download.url);
        replaceChildren(
          status,
          'Download started. If nothing happened, ',
          h('a', { href: download.url, target: '_blank', rel: 'noopener' }, 'open the original'),
          ' (the link works for 5 minutes).',
        );
      } else {
        const objectUrl = URL.createObjectURL(download.blob);
        clickLink(objectUrl, originalFileName(record));
        setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
        status.textContent = 'Download started.';
      }
    } catch (error) {
      status.textContent = `Could not download the original: ${(error as Error).message}`;
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'action' }, button, status);
}

function deleteSection(ctx: AppContext, record: ImageView): HTMLElement {
  const status = h('p', { class: 'form-status', role: 'status' });
  const start = h('button', { type: 'button', class: 'button button-danger' }, 'Delete photo');
  const confirm = h('button', { type: 'button', class: 'button button-danger' }, 'Yes, delete it');
  const cancel = h('button', { type: 'button', class: 'button' }, 'Cancel');
  const confirmBox = h(
    'div',
    { class: 'confirm', role: 'group', 'aria-labelledby': 'confirm-text', hidden: true },
    h('p', { id: 'confirm-text' }, 'Delete this photo and all its sizes? This cannot be undone.'),
    h('div', { class: 'form-actions' }, confirm, cancel),
  );
  start.addEventListener('click', () => {
    confirmBox.hidden = false;
    start.hidden = true;
    confirm.focus();
  });
  cancel.addEventListener('click', () => {
    confirmBox.hidden = true;
    start.hidden = false;
    start.focus();
  });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    cancel.disabled = true;
    status.textContent = 'Deleting…';
    try {
      await ctx.api.deleteImage(record.imageId);
      ctx.store.markDeleting(record.imageId);
      announce('Deleting the photo');
      ctx.navigate({ name: 'gallery' });
    } catch (error) {
      status.textContent = `Could not delete: ${(error as Error).message}`;
      confirm.disabled = false;
      cancel.disabled = false;
    }
  });
  return h('div', { class: 'action' }, start, confirmBox, status);
}

/** The actions section; deleting is offered while the image is not DELETED. */
export function actionsSection(ctx: AppContext, record: ImageView): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'actions-heading' },
    h('h2', { id: 'actions-heading' }, 'Actions'),
    h(
      'div',
      { class: 'actions' },
      record.status !== 'REJECTED' ? downloadSection(ctx, record) : null,
      record.status !== 'DELETED' ? deleteSection(ctx, record) : null,
    ),
  );
}
