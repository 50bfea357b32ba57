/**
 * Entry point: loads /config.json, restores or asks for a session, then
 * routes by location hash between the gallery, a photo and moderation.
 */
import './styles/base.css';
import './styles/gallery.css';
import './styles/pages.css';
import './styles/placeholders.css';
import { ApiClient } from './api/client.ts';
import type { AppContext, View } from './app-context.ts';
import { clearSession, loadSession, type Session, saveSession } from './auth/session.ts';
import { renderSignIn } from './auth/sign-in-view.ts';
import { loadWebConfig, type WebConfig } from './config.ts';
import { detailView } from './detail/detail-view.ts';
import { galleryView } from './gallery/gallery-view.ts';
import { GalleryStore } from './gallery/store.ts';
import { moderationView } from './moderation/moderation-view.ts';
import { hrefFor, parseRoute, type Route } from './router.ts';
import { announce } from './ui/announce.ts';
import { h, replaceChildren } from './ui/dom.ts';
import { header, markCurrent } from './ui/header.ts';
import { contentTypeFor } from './upload/content-type.ts';
import { postToPresignedUrl } from './upload/presigned-post.ts';

const app = document.getElementById('app') as HTMLElement;
const main = document.getElementById('main') as HTMLElement;

function viewFor(route: Route): View {
  switch (route.name) {
    case 'gallery':
      return galleryView;
    case 'image':
      return detailView(route.imageId);
    case 'moderation':
      return moderationView;
    case 'not-found':
      return (_ctx, el) => {
        replaceChildren(
          el,
          h('h1', { tabindex: '-1' }, 'Page not found'),
          h('p', {}, h('a', { href: hrefFor({ name: 'gallery' }) }, 'Go to your photos')),
        );
        return undefined;
      };
  }
}

function startSession(config: WebConfig, session: Session) {
  let cleanup: (() => void) | undefined;
  let ended = false;
  const signOut = (notice?: string) => {
    if (ended) return;
    ended = true;
    cleanup?.();
    store.stop();
    clearSession(sessionStorage);
    window.removeEventListener('hashchange', route);
    banner.remove();
    history.replaceState(null, '', '#/');
    showSignIn(config, notice);
  };
  const api = new ApiClient({
    baseUrl: config.apiUrl,
    token: () => session.idToken,
    onUnauthorized: () => queueMicrotask(() => signOut('Your session has ended. Sign in again.')),
  });
  const store = new GalleryStore({
    api,
    send: (ticket, file, onProgress) =>
      postToPresignedUrl({
        url: ticket.upload.url,
        fields: ticket.upload.fields,
        file,
        contentType: contentTypeFor(file),
        onProgress,
      }),
    announce,
    preview: (file) => (file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined),
    revoke: (url) => URL.revokeObjectURL(url),
  });
  const ctx: AppContext = {
    config,
    session,
    api,
    store,
    navigate: (target) => {
      location.hash = hrefFor(target);
    },
  };
  const banner = header(session, () => signOut());
  app.prepend(banner);

  let first = true;
  function route() {
    const target = parseRoute(location.hash);
    if (!target) return; // an in-page anchor, not a navigation
    cleanup?.();
    markCurrent(banner, target);
    cleanup = viewFor(target)(ctx, main) ?? undefined;
    // Move focus to the new page's heading (not on first load: the browser starts at the top).
    if (!first) main.querySelector<HTMLElement>('h1')?.focus();
    first = false;
    document.title = `${main.querySelector('h1')?.textContent ?? 'Photos'} · Photos`;
  }
  window.addEventListener('hashchange', route);
  route();
}

function showSignIn(config: WebConfig, notice?: string) {
  document.title = 'Sign in · Photos';
  renderSignIn(
    main,
    config,
    (idToken) => {
      const session = saveSession(sessionStorage, idToken);
      startSession(config, session);
      main.querySelector<HTMLElement>('h1')?.focus();
    },
    notice,
  );
}

async function boot() {
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  let config: WebConfig;
  try {
    config = await loadWebConfig();
  } catch (error) {
    replaceChildren(
      main,
      h('h1', {}, 'Photos is not configured'),
      h('p', {}, `The app could not read its configuration: ${(error as Error).message}`),
    );
    return;
  }
  const session = loadSession(sessionStorage);
  if (session) startSession(config, session);
  else showSignIn(config);
}

void boot();
