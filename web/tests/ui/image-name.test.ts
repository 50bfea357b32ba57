import { describe, expect, it } from 'vitest';
import { imageName, rememberedFileName, rememberFileName } from '../../src/ui/image-name.ts';

/** An in-memory Storage. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('imageName', () => {
  it('prefers the caption, then the file name, then "Untitled photo"', () => {
    expect(imageName({ imageId: 'a', caption: 'Lake' }, 'IMG_1.jpg')).toBe('Lake');
    expect(imageName({ imageId: 'a', caption: null }, 'IMG_1.jpg')).toBe('IMG_1.jpg');
    expect(imageName({ imageId: 'a' })).toBe('Untitled photo');
    expect(imageName(undefined)).toBe('Untitled photo');
  });
});

describe('rememberFileName', () => {
  it('remembers the file an image was uploaded from, the latest name winning', () => {
    const storage = memoryStorage();

    rememberFileName('img-1', 'old.jpg', storage);
    rememberFileName('img-1', 'IMG_2041.jpg', storage);
    rememberFileName('img-2', 'other.png', storage);

    expect(rememberedFileName('img-1', storage)).toBe('IMG_2041.jpg');
    expect(rememberedFileName('img-2', storage)).toBe('other.png');
    expect(rememberedFileName('img-3', storage)).toBeUndefined();
  });

  it('keeps the newest 500 names only', () => {
    const storage = memoryStorage();

    for (let i = 0; i < 501; i += 1) rememberFileName(`img-${i}`, `${i}.jpg`, storage);

    expect(rememberedFileName('img-0', storage)).toBeUndefined();
    expect(rememberedFileName('img-500', storage)).toBe('500.jpg');
  });

  it('ignores what another program left under its key', () => {
    const storage = memoryStorage();
    storage.setItem('photos.fileNames', '{not json');

    expect(rememberedFileName('img-1', storage)).toBeUndefined();
  });
});
