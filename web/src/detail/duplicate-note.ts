/** The gentle note on an image that looks like one the owner uploaded before (the view's `duplicateOf`). */
import type { ImageView } from '../api/types.ts';
import { hrefFor } from '../router.ts';
import { h } from '../ui/dom.ts';

/** A note linking to the earlier photo, or null when there is none. */
export function duplicateNote(record: ImageView): HTMLElement | null {
  const earlier = record.duplicateOf;
  if (!earlier) return null;
  return h(
    'p',
    { class: 'duplicate-note', 'data-role': 'duplicate-note' },
    'Looks like a photo you already uploaded. ',
    h('a', { href: hrefFor({ name: 'image', imageId: earlier.imageId }) }, 'See the earlier one'),
  );
}
