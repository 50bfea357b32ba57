/** One gallery card as DOM, and the cheap in-place update while an upload progresses. */

import type { ImageView } from '../api/types.ts';
import { hrefFor } from '../router.ts';
import { h } from '../ui/dom.ts';
import { imageName } from '../ui/image-name.ts';
import { hasRenditions, picture } from '../ui/picture.ts';
import { paintPlaceholder } from '../ui/placeholder.ts';
import { rejectedMedia } from '../ui/rejected-media.ts';
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
    card.record?.duplicateOf?.imageId,
  ]);
}

function title(card: CardState): string {
  return imageName(card.record ?? { imageId: card.imageId }, card.filename);
}

function thumbnail(card: CardState): HTMLElement {
  if (card.record?.status === 'REJECTED') {
    return rejectedMedia(displayStatus(card).detail ?? '', 'card-image');
  }
  if (hasRenditions(card.record)) {
    return picture(card.record as ImageView, {
      sizes: THUMB_SIZES,
      alt: '',
      minWidth: 300,
      // The square cell shows the crop cut around the subject, not a centred cut of the whole image.
      square: true,
      lazy: true,
      className: 'card-image',
    });
  }
  if (card.previewUrl) {
    return h('img', {
      class: 'card-image card-preview',
      src: card.previewUrl,
      alt: '',
      decoding: 'async',
      // A file the browser cannot show (not an image, or a format it lacks): a plain tile, not a broken icon.
      onerror: (event: Event) => (event.target as HTMLElement).replaceWith(blankTile()),
    });
  }
  return blankTile();
}

function blankTile(): HTMLElement {
  return h('div', { class: 'card-image card-placeholder', 'aria-hidden': 'true' });
}

/** The card's children (the <li> itself is kept, so the list does not jump). */
export function cardContent(card: CardState, onDismiss: (key: string) => void): Node[] {
  const status = displayStatus(card);
  const linkable = !!card.imageId && !card.uploadError && !card.lost && card.progress === undefined;
  const heading = h('h3', { class: 'card-title' }, title(card));
  const media = h('div', { class: 'card-media' }, thumbnail(card));
  if (hasRenditions(card.record)) paintPlaceholder(media, card.record as ImageView);
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
  // A rejected card's reason is in its placeholder already.
  if (status.detail && card.record?.status !== 'REJECTED')
    nodes.push(h('p', { class: 'card-detail' }, status.detail));
  if (card.record?.duplicateOf) {
    nodes.push(
      h(
        'p',
        { class: 'card-duplicate', 'data-role': 'duplicate' },
        'Looks like a photo you already uploaded',
      ),
    );
  }
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
