/** Hash routes: #/ (gallery), #/images/<id> (detail), #/moderation. */

export type Route =
  | { name: 'gallery' }
  | { name: 'image'; imageId: string }
  | { name: 'moderation' }
  | { name: 'not-found'; path: string };

/**
 * The route a location hash names. Hashes that do not start with "#/" (an
 * in-page anchor such as the skip link) return undefined: not a navigation.
 */
export function parseRoute(hash: string): Route | undefined {
  if (hash === '' || hash === '#') return { name: 'gallery' };
  if (!hash.startsWith('#/')) return undefined;
  const path = hash.slice(1).replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'gallery' };
  if (path === '/moderation') return { name: 'moderation' };
  const image = /^\/images\/([^/]+)$/.exec(path);
  if (image?.[1]) {
    try {
      return { name: 'image', imageId: decodeURIComponent(image[1]) };
    } catch {
      return { name: 'not-found', path };
    }
  }
  return { name: 'not-found', path };
}

/** The hash of a route. */
export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'gallery':
      return '#/';
    case 'moderation':
      return '#/moderation';
    case 'image':
      return `#/images/${encodeURIComponent(route.imageId)}`;
    case 'not-found':
      return `#${route.path}`;
  }
}
