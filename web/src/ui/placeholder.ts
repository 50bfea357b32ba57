/**
 * Paints an image's placeholder (docs/api.md `placeholder`) behind its
 * <picture> while the rendition loads: the dominant colour at once, then the
 * decoded ThumbHash (a blurred 32 px preview) as soon as it is decoded, and
 * neither once the image has loaded (a transparent PNG must not show the blur
 * through). `data-placeholder` says which stage the container is in:
 * `colour`, `thumbhash`, then `loaded`.
 */
import { thumbHashToDataURL } from 'thumbhash';
import type { ImageView } from '../api/types.ts';

/** Paints `record`'s placeholder on `container` (which holds the <img>) until the image loads. */
export function paintPlaceholder(container: HTMLElement, record: ImageView): void {
  const placeholder = record.placeholder;
  const img = container.querySelector('img');
  if (!placeholder || !img) return;
  const loaded = () => {
    container.style.removeProperty('background-image');
    container.style.removeProperty('background-color');
    container.dataset.placeholder = 'loaded';
  };
  if (img.complete && img.naturalWidth > 0) {
    loaded();
    return;
  }
  container.style.backgroundColor = placeholder.dominantColor;
  container.dataset.placeholder = 'colour';
  img.addEventListener('load', loaded, { once: true });
  // Decoding takes about a millisecond; a task of its own keeps a page of cards from blocking the first paint.
  setTimeout(() => {
    if (container.dataset.placeholder !== 'colour') return;
    const url = thumbHashDataUrl(placeholder.thumbHash);
    if (!url) return;
    container.style.backgroundImage = `url("${url}")`;
    container.dataset.placeholder = 'thumbhash';
  }, 0);
}

/** The ThumbHash (base64) as a PNG data URL, or undefined when it is not valid base64 / a ThumbHash. */
export function thumbHashDataUrl(base64: string): string | undefined {
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return bytes.length >= 5 ? thumbHashToDataURL(bytes) : undefined;
  } catch {
    return undefined;
  }
}
