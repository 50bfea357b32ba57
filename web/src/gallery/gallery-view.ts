/** #/ — upload (pick or drop several files) and the caller's photos, updated live. */
import type { View } from '../app-context.ts';
import { h, replaceChildren } from '../ui/dom.ts';
import { PICKER_ACCEPT } from '../upload/content-type.ts';
import type { CardState } from './card-state.ts';
import { cardContent, cardSignature, updateProgress } from './card-view.ts';
import type { GalleryStore } from './store.ts';

function uploader(store: GalleryStore): HTMLElement {
  const input = h('input', {
    id: 'file-input',
    class: 'visually-hidden file-input',
    type: 'file',
    multiple: true,
    accept: PICKER_ACCEPT,
    'aria-describedby': 'upload-hint',
  });
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) void store.upload(files);
  });
  const zone = h(
    'div',
    { class: 'dropzone' },
    input,
    h('label', { for: 'file-input', class: 'button button-primary' }, 'Choose photos'),
    h('p', { class: 'dropzone-text' }, 'or drop them here'),
    h(
      'p',
      { id: 'upload-hint', class: 'hint' },
      'JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIC, up to 50 MB each.',
    ),
  );
  // Dropping is a shortcut; the file input above is the keyboard path.
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dropzone-active');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dropzone-active'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dropzone-active');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) void store.upload(files);
  });
  return h(
    'section',
    { class: 'uploader', 'aria-labelledby': 'upload-heading' },
    h('h2', { id: 'upload-heading' }, 'Upload photos'),
    zone,
  );
}

/** Keeps one <li> per card; rebuilds a card only when what it shows changed, keeping focus. */
function cardList(store: GalleryStore) {
  const list = h('ul', { class: 'grid', 'aria-label': 'Your photos' });
  const items = new Map<string, { li: HTMLLIElement; signature: string }>();
  const dismiss = (key: string) => {
    store.dismiss(key);
    document.getElementById('upload-heading')?.focus();
  };

  function render(cards: CardState[]) {
    const keep = new Set(cards.map((c) => c.key));
    for (const [key, item] of items) {
      if (!keep.has(key)) {
        item.li.remove();
        items.delete(key);
      }
    }
    let previous: Element | null = null;
    for (const card of cards) {
      // An upload's card is re-keyed from a local key to its imageId once the API answers; it has
      // nothing focusable while uploading, so building a new <li> for it loses no focus.
      const signature = cardSignature(card);
      let item = items.get(card.key);
      if (!item) {
        item = { li: h('li', { class: 'card', 'data-key': card.key }), signature: '' };
        items.set(card.key, item);
      }
      if (item.signature !== signature) {
        const focused = item.li.contains(document.activeElement)
          ? (document.activeElement as HTMLElement).dataset.focus
          : undefined;
        replaceChildren(item.li, cardContent(card, dismiss));
        item.signature = signature;
        if (focused) item.li.querySelector<HTMLElement>(`[data-focus="${focused}"]`)?.focus();
      } else if (card.progress !== undefined) {
        updateProgress(item.li, card);
      }
      item.li.setAttribute('aria-busy', String(card.progress !== undefined));
      const expected: Element | null = previous ? previous.nextElementSibling : list.firstElementChild;
      if (expected !== item.li) {
        if (previous) previous.after(item.li);
        else list.prepend(item.li);
      }
      previous = item.li;
    }
  }
  return { list, render };
}

export const galleryView: View = (ctx, main) => {
  const { store } = ctx;
  const { list, render } = cardList(store);
  const summary = h('p', { class: 'summary' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const more = h('button', { type: 'button', class: 'button' }, 'Load more');
  more.addEventListener('click', () => void store.loadMore());

  replaceChildren(
    main,
    h('h1', { tabindex: '-1' }, 'Your photos'),
    uploader(store),
    h(
      'section',
      { class: 'photos', 'aria-labelledby': 'photos-heading' },
      h('h2', { id: 'photos-heading', class: 'visually-hidden' }, 'Photos'),
      summary,
      error,
      list,
      h('div', { class: 'more' }, more),
    ),
  );

  const refresh = () => {
    const cards = store.visible();
    render(cards);
    if (store.loading && !cards.length) summary.textContent = 'Loading your photos…';
    else if (!cards.length && store.loaded) summary.textContent = 'No photos yet. Upload some above.';
    else summary.textContent = cards.length ? `${cards.length} photo${cards.length === 1 ? '' : 's'}` : '';
    error.textContent = store.listError ? `Could not load your photos: ${store.listError}` : '';
    more.hidden = !store.nextCursor;
    more.disabled = store.loading;
    more.textContent = store.loading && store.loaded ? 'Loading…' : 'Load more';
  };
  const unsubscribe = store.subscribe(refresh);
  refresh();
  void store.ensureLoaded();
  return unsubscribe;
};
