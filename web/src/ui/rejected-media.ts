/**
 * What stands in for the image of a REJECTED upload: there is no rendition,
 * and the local preview of a file that is not an image would show the
 * browser's broken-image icon. A calm panel with a crossed-out frame and the reason instead.
 */
import { h } from './dom.ts';

/** The placeholder for a rejected image, `reason` in words (see `reasonText`). */
export function rejectedMedia(reason: string, className: string): HTMLElement {
  return h(
    'div',
    { class: `${className} rejected-media`, 'data-role': 'rejected-placeholder' },
    h('span', { class: 'rejected-icon', 'aria-hidden': 'true' }),
    h('span', { class: 'rejected-title' }, 'Not added'),
    h('span', { class: 'rejected-reason' }, reason),
  );
}
