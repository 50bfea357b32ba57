/** One gallery card as DOM, and the cheap in-place update while an upload progresses. */

import type { ImageView } from '../api/types.ts';
import { hrefFor } from '../router.ts';
import { h } from '../ui/dom.ts';
import { hasRenditions, picture } from '../ui/picture.ts';
import { type CardState, displayStatus } from './card-state.ts';

const THUMB_SIZES = '(max-width: 30rem) 50vw, (max-width: 60rem) 33vw, 16rem';

/** What, other than upload progress, makes a card look different (re-render when it changes). */
export function cardSignature(card: CardState): string {
  const status = displayStatus(card);
  return JSON.stringify([
    card.progress === undefined ? status.label : 'uploading',
    status.detail,
    card.imageId,
    card.previewUrl,
    card.record?.caption,
    card.record?.srcset?.jpeg,
    card.record?.updatedAt,
  ]);
}

function title(card: CardState): string {
  return card.record?.caption || card.filename || 'Untitled photo';
}

function thumbnail(card: CardState): HTMLElement {
  if (hasRenditions(card.record)) {
    return picture(card.record as ImageView, {
      sizes: THUMB_SIZES,
      alt: '',
      minWidth: 300,
      lazy: true,
      className: 'card-image',
    });
  }
  if (card.previewUrl) {
    return h('img', { class: 'card-image card-preview', src: card.previewUrl, alt: '', decoding: 'async' });
  }
  return h('div', { class: 'card-image card-placeholder', 'aria-hidden': 'true' });
}

/** The card's children (the <li> itself is kept, so the list does not jump). */
export function cardContent(card: CardState, onDismiss: (key: string) => void): Node[] {
  const status = displayStatus(card);
  const linkable = !!card.imageId && !card.uploadError && !card.lost && card.progress === undefined;
  const heading = h('h3', { class: 'card-title' }, title(card));
  const media = h('div', { class: 'card-media' }, thumbnail(card));
  const badge = h('p', { class: `badge badge-${status.tone}`, 'data-role': 'badge' }, status.label);
  const nodes: Node[] = [];
  if (linkable) {
    nodes.push(
      h(
        'a',
        {
          class: 'card-link',
          href: hrefFor({ name: 'image', imageId: card.imageId as string }),
          'data-focus': 'link',
          'aria-label': `${title(card)}, ${status.label}`,
        },
        media,
        heading,
      ),
    );
  } else {
    nodes.push(media, heading);
  }
  nodes.push(badge);
  if (card.progress !== undefined) {
    nodes.push(
      h('progress', {
        class: 'card-progress',
        max: 100,
        value: Math.round(card.progress * 100),
        'aria-label': `Upload progress of ${card.filename ?? 'the photo'}`,
        'data-role': 'progress',
      }),
    );
  }
  if (status.detail) nodes.push(h('p', { class: 'card-detail' }, status.detail));
  if (card.uploadError || card.lost) {
    nodes.push(
      h(
        'button',
        {
          type: 'button',
          class: 'button-quiet',
          'data-focus': 'dismiss',
          onclick: () => onDismiss(card.key),
        },
        'Dismiss',
        h('span', { class: 'visually-hidden' }, ` ${title(card)}`),
      ),
    );
  }
  return nodes;
}

/** Updates an uploading card's progress bar and badge without rebuilding it. */
export function updateProgress(li: HTMLElement, card: CardState) {
  const percent = Math.round((card.progress ?? 0) * 100);
  const bar = li.querySelector<HTMLProgressElement>('[data-role="progress"]');
  if (bar) bar.value = percent;
  const badge = li.querySelector('[data-role="badge"]');
  if (badge) badge.textContent = displayStatus(card).label;
}
