/**
 * What an image is called, the same everywhere (gallery card, detail view,
 * moderation): its caption, else the name of the file it was uploaded from,
 * else "Untitled photo". The API keeps no file name (the upload key is
 * `<imageId>.<ext>`), so this browser remembers the names of the files it
 * uploaded (localStorage, newest {@link MAX_REMEMBERED}), which keeps the
 * name after a reload.
 */
import type { ImageView } from '../api/types.ts';

const STORAGE_KEY = 'photos.fileNames';
/** How many file names are kept: plenty for one person's recent uploads, a few tens of KB at most. */
const MAX_REMEMBERED = 500;

/** The display name of an image: caption, file name (given or remembered), or "Untitled photo". */
export function imageName(
  record: { imageId?: string; caption?: ImageView['caption'] } | undefined,
  filename?: string,
): string {
  return record?.caption || filename || rememberedFileName(record?.imageId) || 'Untitled photo';
}

/** Remembers the file an image was uploaded from (no-op where localStorage is unavailable). */
export function rememberFileName(imageId: string, filename: string, storage = browserStorage()): void {
  if (!storage || !filename) return;
  const names = read(storage).filter(([id]) => id !== imageId);
  names.push([imageId, filename]);
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(names.slice(-MAX_REMEMBERED)));
  } catch {
    // Storage full or refused (private mode): the name just will not survive a reload.
  }
}

/** The remembered file name of an image, if this browser uploaded it. */
export function rememberedFileName(
  imageId: string | undefined,
  storage = browserStorage(),
): string | undefined {
  if (!imageId || !storage) return undefined;
  return read(storage).find(([id]) => id === imageId)?.[1];
}

function read(storage: Storage): Array<[string, string]> {
  try {
    const value: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(value)
      ? value.filter(
          (e): e is [string, string] =>
            Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

function browserStorage(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}
