/**
 * The gallery's state, shared by every view of one signed-in session: the
 * listed pages, this tab's uploads, and a poll loop that follows every image
 * that can still change (every 1.5 s, only while there is one).
 */
import type { ApiClient } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import type { ImageView } from '../api/types.ts';
import { rememberFileName } from '../ui/image-name.ts';
import { contentTypeFor } from '../upload/content-type.ts';
import { applyPoll, type CardState, needsPolling, statusAnnouncement } from './card-state.ts';

export type GalleryApi = Pick<ApiClient, 'listImages' | 'getImage' | 'createUpload'>;

export interface GalleryStoreOptions {
  api: GalleryApi;
  /** Sends one file to its presigned POST, reporting progress 0..1. */
  send: (
    ticket: Awaited<ReturnType<GalleryApi['createUpload']>>,
    file: File,
    onProgress: (f: number) => void,
  ) => Promise<void>;
  /** Screen-reader announcement (aria-live). */
  announce?: (text: string) => void;
  /** Object URL for a local preview (browser only). */
  preview?: (file: File) => string | undefined;
  revoke?: (url: string) => void;
  pollIntervalMs?: number;
  pageSize?: number;
  now?: () => number;
}

type Listener = () => void;

export class GalleryStore {
  readonly cards = new Map<string, CardState>();
  /** Display order: this tab's uploads first (newest first), then the listed pages. */
  private order: string[] = [];
  private listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private polling = false;
  private localSeq = 0;
  private stopped = false;
  nextCursor: string | undefined;
  loaded = false;
  loading = false;
  listError: string | undefined;

  constructor(private readonly options: GalleryStoreOptions) {}

  private get now() {
    return this.options.now?.() ?? Date.now();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }

  /** Cards to show, in order (deleted ones leave). */
  visible(): CardState[] {
    return this.order.map((key) => this.cards.get(key)).filter((c): c is CardState => !!c && !c.gone);
  }

  get(imageId: string): CardState | undefined {
    return this.cards.get(imageId);
  }

  private set(key: string, next: CardState) {
    const before = this.cards.get(key);
    this.cards.set(key, next);
    const sentence = statusAnnouncement(before, next);
    if (sentence && before) this.options.announce?.(sentence);
    if (next.previewUrl && next.record?.status === 'PROCESSED') {
      this.options.revoke?.(next.previewUrl);
      this.cards.set(key, { ...next, previewUrl: undefined });
    }
  }

  private update(key: string, change: Partial<CardState>) {
    const card = this.cards.get(key);
    if (!card) return;
    this.set(key, { ...card, ...change });
    this.emit();
    this.schedulePoll();
  }

  /** Records a fresh ImageView (after PATCH, GET or review) so every view agrees. */
  upsertRecord(record: ImageView) {
    const card = this.cards.get(record.imageId);
    if (card) {
      this.update(record.imageId, {
        record,
        gone: record.status === 'DELETED' ? true : card.gone,
        waitingSince: undefined,
      });
    }
  }

  /**
   * Follows an image a view opened directly (a detail link): polled like the
   * others, shown in the gallery once a listed page contains it.
   */
  track(record: ImageView) {
    if (this.cards.has(record.imageId)) this.upsertRecord(record);
    else {
      this.cards.set(record.imageId, { key: record.imageId, imageId: record.imageId, record });
      this.emit();
      this.schedulePoll();
    }
  }

  private mergePage(items: ImageView[]) {
    for (const record of items) {
      const existing = this.cards.get(record.imageId);
      this.set(record.imageId, { ...existing, key: record.imageId, imageId: record.imageId, record });
      if (!this.order.includes(record.imageId)) this.order.push(record.imageId);
    }
  }

  private async loadPage(cursor: string | undefined) {
    if (this.loading) return;
    this.loading = true;
    this.listError = undefined;
    this.emit();
    try {
      const page = await this.options.api.listImages({ limit: this.options.pageSize ?? 24, cursor });
      this.mergePage(page.items);
      this.nextCursor = page.nextCursor;
      this.loaded = true;
    } catch (error) {
      this.listError = (error as Error).message;
    } finally {
      this.loading = false;
      this.emit();
      this.schedulePoll();
    }
  }

  /** Loads the first page once per session. */
  ensureLoaded(): Promise<void> {
    return this.loaded ? Promise.resolve() : this.loadPage(undefined);
  }

  loadMore(): Promise<void> {
    return this.nextCursor ? this.loadPage(this.nextCursor) : Promise.resolve();
  }

  /** Starts uploading `files`; each gets a card at once. Resolves when every upload has ended. */
  async upload(files: File[]): Promise<void> {
    const started = files.map((file) => {
      const key = `local-${++this.localSeq}`;
      this.cards.set(key, {
        key,
        filename: file.name,
        progress: 0,
        previewUrl: this.options.preview?.(file),
      });
      this.order.unshift(key);
      return { key, file };
    });
    this.emit();
    this.options.announce?.(`Uploading ${files.length} file${files.length === 1 ? '' : 's'}`);
    await Promise.all(started.map(({ key, file }) => this.uploadOne(key, file)));
  }

  private async uploadOne(localKey: string, file: File) {
    const contentType = contentTypeFor(file);
    let key = localKey;
    try {
      const ticket = await this.options.api.createUpload({
        filename: file.name,
        contentType,
        bytes: file.size,
      });
      // From now on the card is keyed by its imageId, like listed ones.
      key = ticket.imageId;
      rememberFileName(ticket.imageId, file.name);
      const card = this.cards.get(localKey) as CardState;
      this.cards.delete(localKey);
      this.cards.set(key, { ...card, key, imageId: ticket.imageId });
      this.order = this.order.includes(key)
        ? this.order.filter((k) => k !== localKey)
        : this.order.map((k) => (k === localKey ? key : k));
      this.emit();
      let lastQuarter = 0;
      await this.options.send(ticket, file, (fraction) => {
        const quarter = Math.floor(fraction * 4);
        if (quarter > lastQuarter && quarter < 4) {
          lastQuarter = quarter;
          this.options.announce?.(`${file.name}: ${quarter * 25}% uploaded`);
        }
        this.update(key, { progress: Math.min(fraction, 0.999) });
      });
      this.update(key, { progress: undefined, waitingSince: this.now });
    } catch (error) {
      const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
      this.update(key, { progress: undefined, uploadError: message });
    }
  }

  /** Removes a card that cannot change any more (a failed upload). */
  dismiss(key: string) {
    const card = this.cards.get(key);
    if (card?.previewUrl) this.options.revoke?.(card.previewUrl);
    this.cards.delete(key);
    this.order = this.order.filter((k) => k !== key);
    this.emit();
  }

  /** After DELETE answered 202: the card reads Deleting until the record is DELETED. */
  markDeleting(imageId: string) {
    if (!this.cards.has(imageId)) {
      this.cards.set(imageId, { key: imageId, imageId });
      this.order.unshift(imageId);
    }
    this.update(imageId, { deleting: true });
  }

  private schedulePoll() {
    if (this.stopped || this.timer || this.polling) return;
    if (!this.visibleNeedingPoll().length) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pollOnce();
    }, this.options.pollIntervalMs ?? 1500);
  }

  private visibleNeedingPoll(): CardState[] {
    return [...this.cards.values()].filter(needsPolling);
  }

  /** One round of GET /images/{id} for every card that can still change. */
  async pollOnce(): Promise<void> {
    this.polling = true;
    try {
      const due = this.visibleNeedingPoll();
      for (let i = 0; i < due.length; i += 6) {
        await Promise.all(due.slice(i, i + 6).map((card) => this.pollCard(card)));
      }
    } finally {
      this.polling = false;
      this.emit();
      this.schedulePoll();
    }
  }

  private async pollCard(card: CardState) {
    const imageId = card.imageId as string;
    try {
      const record = await this.options.api.getImage(imageId);
      const current = this.cards.get(card.key);
      if (current) this.set(card.key, applyPoll(current, { record }, this.now));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) return; // try again next round
      const current = this.cards.get(card.key);
      if (current) this.set(card.key, applyPoll(current, { notFound: true }, this.now));
    }
  }

  /** Stops polling and releases previews (sign-out). */
  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const card of this.cards.values()) {
      if (card.previewUrl) this.options.revoke?.(card.previewUrl);
    }
    this.listeners.clear();
  }
}
