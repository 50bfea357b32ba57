import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/errors.ts';
import type { ImageView, UploadTicket } from '../../src/api/types.ts';
import { type GalleryApi, GalleryStore, type GalleryStoreOptions } from '../../src/gallery/store.ts';
import { record } from '../helpers.ts';

const notFound = () => new ApiError(404, 'Image::NotFound', 'not found');

function ticket(imageId: string): UploadTicket {
  return {
    imageId,
    key: `uploads/u1/${imageId}.jpg`,
    upload: { url: 'http://s3', fields: {} },
    expiresAt: '',
  };
}

type Send = GalleryStoreOptions['send'];

function setup(api: Partial<GalleryApi>, send: Send = vi.fn(async () => {})) {
  const announce = vi.fn();
  const full: GalleryApi = {
    listImages: vi.fn(async () => ({ items: [] })),
    getImage: vi.fn(async () => {
      throw notFound();
    }),
    createUpload: vi.fn(async () => ticket('new-1')),
    ...api,
  };
  const store = new GalleryStore({ api: full, send, announce, pollIntervalMs: 1500 });
  return { store, api: full, announce, send };
}

const photo = (name = 'cat.jpg') => new File([new Uint8Array(10)], name, { type: 'image/jpeg' });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('GalleryStore: listing and uploads', () => {
  it('lists pages in order and follows the cursor', async () => {
    const listImages = vi
      .fn()
      .mockResolvedValueOnce({
        items: [record({ imageId: 'a' }), record({ imageId: 'b' })],
        nextCursor: 'c1',
      })
      .mockResolvedValueOnce({ items: [record({ imageId: 'c' })] });
    const { store } = setup({ listImages });
    await store.ensureLoaded();
    await store.loadMore();
    expect(store.visible().map((c) => c.key)).toEqual(['a', 'b', 'c']);
    expect(listImages).toHaveBeenLastCalledWith({ limit: 24, cursor: 'c1' });
    expect(store.nextCursor).toBeUndefined();
  });

  it('shows an upload at once, then Processing through 404s, then the record', async () => {
    const views: ImageView[] = [
      record({ imageId: 'new-1', status: 'ACCEPTED' }),
      record({ imageId: 'new-1' }),
    ];
    const getImage = vi
      .fn()
      .mockRejectedValueOnce(notFound())
      .mockResolvedValueOnce(views[0])
      .mockResolvedValueOnce(views[1]);
    const { store, announce, api } = setup({ getImage });
    const uploading = store.upload([photo()]);
    expect(store.visible()).toMatchObject([{ filename: 'cat.jpg', progress: 0 }]);
    await uploading;
    expect(api.createUpload).toHaveBeenCalledWith({
      filename: 'cat.jpg',
      contentType: 'image/jpeg',
      bytes: 10,
    });
    expect(store.get('new-1')).toMatchObject({ progress: undefined, waitingSince: expect.any(Number) });

    await vi.advanceTimersByTimeAsync(1500); // 404: not recorded yet
    expect(store.get('new-1')?.lost).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1500); // ACCEPTED
    await vi.advanceTimersByTimeAsync(1500); // PROCESSED
    expect(store.get('new-1')?.record?.status).toBe('PROCESSED');
    expect(announce).toHaveBeenCalledWith('cat.jpg: Ready');

    await vi.advanceTimersByTimeAsync(6000);
    expect(getImage).toHaveBeenCalledTimes(3); // nothing left to poll
  });

  it("keeps a refused upload's card with the API's message", async () => {
    const createUpload = vi.fn(async () => {
      throw new ApiError(415, 'Image::UnsupportedType', 'contentType: text/plain is not accepted');
    });
    const { store } = setup({ createUpload });
    await store.upload([new File(['hi'], 'notes.txt', { type: 'text/plain' })]);
    const [card] = store.visible();
    expect(card).toMatchObject({
      filename: 'notes.txt',
      uploadError: 'contentType: text/plain is not accepted',
    });
    store.dismiss(card?.key as string);
    expect(store.visible()).toEqual([]);
  });
});

describe('GalleryStore: progress and deletion', () => {
  it('reports progress while sending', async () => {
    let report: (fraction: number) => void = () => {};
    let finish: () => void = () => {};
    const send = vi.fn(
      (_t: UploadTicket, _f: File, onProgress: (f: number) => void) =>
        new Promise<void>((resolve) => {
          report = onProgress;
          finish = resolve;
        }),
    );
    const { store } = setup({}, send);
    const done = store.upload([photo()]);
    await vi.waitFor(() => expect(send).toHaveBeenCalled());
    report(0.5);
    expect(store.get('new-1')?.progress).toBe(0.5);
    finish();
    await done;
    expect(store.get('new-1')?.progress).toBeUndefined();
  });

  it('says Deleting until the record is DELETED, then drops the card', async () => {
    const getImage = vi
      .fn()
      .mockResolvedValueOnce(record({ imageId: 'a' }))
      .mockResolvedValueOnce(record({ imageId: 'a', status: 'DELETED' }));
    const { store } = setup({
      listImages: vi.fn(async () => ({ items: [record({ imageId: 'a' })] })),
      getImage,
    });
    await store.ensureLoaded();
    store.markDeleting('a');
    expect(store.visible()[0]?.deleting).toBe(true);
    await vi.advanceTimersByTimeAsync(1500);
    expect(store.visible()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1500);
    expect(store.visible()).toEqual([]);
  });
});
