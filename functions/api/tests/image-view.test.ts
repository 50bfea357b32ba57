import { toRecord } from '@pipeline/store';
import { describe, expect, it } from 'vitest';
import { renditionUrl, toImageView } from '../src/image-view.js';
import { IMAGE_ID, storedImage } from './helpers.js';

describe('toImageView', () => {
  it('lists renditions smallest first with URLs under the base', () => {
    const view = toImageView(toRecord(storedImage()), 'https://cdn.example.com');
    expect(view.renditions.map((r) => r.width)).toEqual([150, 150, 480, 480, 640, 640]);
    expect(view.renditions[2]?.url).toBe(`https://cdn.example.com/${IMAGE_ID}/etag-1/small.jpg`);
  });

  it('lists each width once per srcset (small originals are never upscaled)', () => {
    const same = (name: string) => ({
      name,
      key: `${IMAGE_ID}/v/${name}.jpg`,
      width: 100,
      height: 80,
      format: 'jpeg',
      bytes: 1,
      contentType: 'image/jpeg',
    });
    const view = toImageView(
      toRecord(storedImage({ renditions: [same('thumb'), same('small')] })),
      'http://x',
    );
    expect(view.srcset).toEqual({ jpeg: `http://x/${IMAGE_ID}/v/thumb.jpg 100w` });
  });

  it('has no renditions and an empty srcset before PROCESSED, with nulls for unknown fields', () => {
    const view = toImageView(
      toRecord({ imageId: 'i', status: 'ACCEPTED', createdAt: 'c', updatedAt: 'u' }),
      'http://x',
    );
    expect(view).toMatchObject({ renditions: [], srcset: {}, caption: null, width: null, review: null });
  });
});

describe('toImageView: placeholder', () => {
  it('serves the stored placeholder, and null before PROCESSED', () => {
    const placeholder = { thumbHash: 'k/cJFYJ4d3eHiHiJd4iHiIiAiAeI', dominantColor: '#a0b0c0' };

    expect(toImageView(toRecord(storedImage({ placeholder })), 'http://x').placeholder).toEqual(placeholder);
    expect(toImageView(toRecord(storedImage()), 'http://x').placeholder).toBeNull();
  });
});

describe('renditionUrl', () => {
  it('joins base and key, escaping what a key segment could hold', () => {
    expect(renditionUrl('http://localhost:4566/renditions', 'a/b c/thumb.jpg')).toBe(
      'http://localhost:4566/renditions/a/b%20c/thumb.jpg',
    );
  });
});
