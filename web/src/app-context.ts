import type { ApiClient } from './api/client.ts';
import type { Session } from './auth/session.ts';
import type { WebConfig } from './config.ts';
import type { GalleryStore } from './gallery/store.ts';
import type { Route } from './router.ts';

/** What every signed-in view gets. */
export interface AppContext {
  config: WebConfig;
  session: Session;
  api: ApiClient;
  store: GalleryStore;
  navigate(route: Route): void;
}

/** A view renders into `main` and returns its cleanup (unsubscribe, timers). */
export type View = (ctx: AppContext, main: HTMLElement) => (() => void) | undefined;
