/** #/images/<id> — the large rendition, facts, renditions, edit form and actions. */

import { ApiError } from '../api/errors.ts';
import type { ImageView } from '../api/types.ts';
import type { AppContext, View } from '../app-context.ts';
import { type CardState, displayStatus } from '../gallery/card-state.ts';
import { hrefFor } from '../router.ts';
import { h, replaceChildren } from '../ui/dom.ts';
import { formatBytes, formatDateTime, formatDimensions } from '../ui/format.ts';
import { imageName } from '../ui/image-name.ts';
import { altText, hasRenditions, picture } from '../ui/picture.ts';
import { paintPlaceholder } from '../ui/placeholder.ts';
import { rejectedMedia } from '../ui/rejected-media.ts';
import { actionsSection } from './actions.ts';
import { duplicateNote } from './duplicate-note.ts';
import { editForm } from './edit-form.ts';

const LARGE_SIZES = '(max-width: 56rem) calc(100vw - 2rem), 60vw';

function facts(record: ImageView, card: CardState | undefined): HTMLElement {
  const status = displayStatus(card ?? { key: record.imageId, imageId: record.imageId, record });
  const rows: Array<[string, Node | string]> = [
    ['Status', h('span', { class: `badge badge-${status.tone}` }, status.label)],
    ['Dimensions', formatDimensions(record.width, record.height)],
    ['Format', record.format?.toUpperCase() ?? '—'],
    ['File size', formatBytes(record.bytes)],
    ['Uploaded', formatDateTime(record.createdAt)],
    ['Photographer', record.photographer || '—'],
  ];
  if (status.detail) rows.splice(1, 0, ['Why', status.detail]);
  if (record.review)
    rows.push([
      'Review',
      `${record.review.decision.toLowerCase()}${record.review.reason ? `: ${record.review.reason}` : ''}`,
    ]);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'facts-heading' },
    h('h2', { id: 'facts-heading' }, 'About this photo'),
    h(
      'dl',
      { class: 'facts', 'aria-live': 'polite' },
      rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
    ),
  );
}

function renditionsSection(record: ImageView): HTMLElement | null {
  const renditions = [...(record.renditions ?? [])].sort(
    (a, b) => a.width - b.width || a.format.localeCompare(b.format),
  );
  if (!renditions.length) return null;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'renditions-heading' },
    h('h2', { id: 'renditions-heading' }, 'Sizes'),
    h(
      'ul',
      { class: 'renditions' },
      renditions.map((r) =>
        h(
          'li',
          {},
          h('a', { href: r.url, target: '_blank', rel: 'noopener' }, `${r.name} ${r.format.toUpperCase()}`),
          h('span', { class: 'hint' }, ` ${formatDimensions(r.width, r.height)}`),
        ),
      ),
    ),
  );
}

function media(record: ImageView, card: CardState | undefined): HTMLElement {
  if (hasRenditions(record)) {
    const figure = h(
      'figure',
      { class: 'detail-figure' },
      picture(record, { sizes: LARGE_SIZES, alt: altText(record, card?.filename), minWidth: 1024 }),
    );
    paintPlaceholder(figure, record);
    return figure;
  }
  const status = displayStatus(card ?? { key: record.imageId, imageId: record.imageId, record });
  if (record.status === 'REJECTED')
    return rejectedMedia(status.detail ?? '', 'detail-figure detail-placeholder');
  return h(
    'div',
    { class: 'detail-figure detail-placeholder' },
    h('p', { class: `badge badge-${status.tone}` }, status.label),
    status.detail ? h('p', {}, status.detail) : null,
  );
}

function render(ctx: AppContext, main: HTMLElement, record: ImageView, focusHeading: boolean) {
  const card = ctx.store.get(record.imageId);
  const mine = record.owner === ctx.session.sub;
  const heading = h('h1', { tabindex: '-1' }, imageName(record, card?.filename));
  const side = h(
    'div',
    { class: 'detail-side' },
    facts(record, card),
    mine && record.status !== 'DELETED'
      ? h(
          'section',
          { class: 'panel' },
          editForm({
            api: ctx.api,
            record,
            onSaved: (saved) => {
              ctx.store.upsertRecord(saved);
              heading.textContent = imageName(saved, card?.filename);
              document.title = `${heading.textContent} · Photos`;
            },
          }),
        )
      : null,
    renditionsSection(record),
    mine ? actionsSection(ctx, record) : null,
  );
  replaceChildren(
    main,
    h('p', { class: 'back' }, h('a', { href: hrefFor({ name: 'gallery' }) }, '← All photos')),
    heading,
    duplicateNote(record),
    h(
      'div',
      { class: 'detail' },
      h('div', { class: 'detail-main', 'data-role': 'media' }, media(record, card)),
      side,
    ),
  );
  document.title = `${heading.textContent} · Photos`;
  if (focusHeading) heading.focus();
}

export const detailView =
  (imageId: string): View =>
  (ctx, main) => {
    let shown: string | undefined;
    let active = true;
    replaceChildren(main, h('h1', { tabindex: '-1' }, 'Photo'), h('p', { role: 'status' }, 'Loading…'));

    // Re-render on status changes only: the edit form keeps what is being typed.
    const show = (record: ImageView) => {
      const card = ctx.store.get(record.imageId);
      const key = JSON.stringify([
        record.status,
        card?.deleting,
        card?.gone,
        record.srcset?.jpeg,
        record.review,
      ]);
      if (key === shown) return;
      const first = shown === undefined;
      shown = key;
      render(ctx, main, record, first && document.activeElement?.tagName !== 'INPUT');
    };
    const unsubscribe = ctx.store.subscribe(() => {
      const record = ctx.store.get(imageId)?.record;
      if (active && record) show(record);
    });

    ctx.api
      .getImage(imageId)
      .then((record) => {
        if (!active) return;
        ctx.store.track(record);
        show(record);
      })
      .catch((error: Error) => {
        if (!active) return;
        const notFound = error instanceof ApiError && error.status === 404;
        const pending = ctx.store.get(imageId);
        if (notFound && pending && !pending.lost && !pending.gone) {
          // Uploaded in this tab but not recorded yet: the store's poll brings the record.
          replaceChildren(
            main,
            h('h1', { tabindex: '-1' }, pending.filename ?? 'Photo'),
            h('p', { class: 'badge badge-busy', role: 'status' }, 'Processing'),
          );
          return;
        }
        replaceChildren(
          main,
          h('h1', { tabindex: '-1' }, notFound ? 'Photo not found' : 'Could not load the photo'),
          h('p', {}, notFound ? 'It may have been deleted, or it is not yours.' : error.message),
          h('p', {}, h('a', { href: hrefFor({ name: 'gallery' }) }, 'Back to your photos')),
        );
        main.querySelector('h1')?.focus();
      });
    return () => {
      active = false;
      unsubscribe();
    };
  };
