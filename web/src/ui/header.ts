/** The banner: app name, navigation, who is signed in, sign out. */
import type { Session } from '../auth/session.ts';
import { hrefFor, type Route } from '../router.ts';
import { h } from './dom.ts';

export function header(session: Session, onSignOut: () => void): HTMLElement {
  const nav = h(
    'nav',
    { 'aria-label': 'Main' },
    h(
      'ul',
      {},
      h('li', {}, h('a', { href: hrefFor({ name: 'gallery' }), 'data-route': 'gallery' }, 'My photos')),
      session.isModerator
        ? h(
            'li',
            {},
            h('a', { href: hrefFor({ name: 'moderation' }), 'data-route': 'moderation' }, 'Moderation'),
          )
        : null,
    ),
  );
  const signOut = h('button', { type: 'button', class: 'button button-quiet' }, 'Sign out');
  signOut.addEventListener('click', onSignOut);
  return h(
    'header',
    { class: 'site-header' },
    h('a', { class: 'brand', href: hrefFor({ name: 'gallery' }) }, 'Photos'),
    nav,
    h(
      'div',
      { class: 'user' },
      h('span', { class: 'user-email', title: session.email }, session.email),
      h(
        'span',
        { class: `role ${session.isModerator ? 'role-moderator' : ''}` },
        session.isModerator ? 'Moderator' : 'Member',
      ),
      signOut,
    ),
  );
}

/** Marks the current section's link with aria-current. */
export function markCurrent(banner: HTMLElement, route: Route) {
  const section = route.name === 'moderation' ? 'moderation' : 'gallery';
  for (const link of banner.querySelectorAll<HTMLAnchorElement>('a[data-route]')) {
    if (link.dataset.route === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
