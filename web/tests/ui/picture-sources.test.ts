import { describe, expect, it } from 'vitest';
import type { ImageView } from '../../src/api/types.ts';
import { fallbackRendition, sourcesFor } from '../../src/ui/picture.ts';

const record: ImageView = {
  imageId: 'i',
  owner: 'o',
  status: 'PROCESSED',
  renditions: [
    { name: 'small', format: 'jpeg', width: 480, height: 360, url: 'u/small.jpg', crop: 'none' },
    {
      name: 'square',
      format: 'jpeg',
      width: 320,
      height: 320,
      url: 'u/square.jpg',
      crop: 'square-attention',
    },
  ],
  srcset: { jpeg: 'u/small.jpg 480w' },
  sources: [
    { type: 'image/avif', srcset: 'u/small.avif 480w', sizes: 's' },
    { type: 'image/jpeg', srcset: 'u/small.jpg 480w', sizes: 's' },
  ],
  squareSources: [{ type: 'image/jpeg', srcset: 'u/square.jpg 320w', sizes: '320px' }],
};

describe('sourcesFor', () => {
  it("uses the API's sources, AVIF included, and the square ones for a grid cell", () => {
    expect(sourcesFor(record, false).map((s) => s.type)).toEqual(['image/avif', 'image/jpeg']);
    expect(sourcesFor(record, true)).toEqual(record.squareSources);
  });

  it('falls back to the WebP and JPEG srcset of an API without sources', () => {
    const older: ImageView = {
      imageId: 'i',
      owner: 'o',
      status: 'PROCESSED',
      srcset: { webp: 'w 150w', jpeg: 'j 150w' },
    };
    expect(sourcesFor(older, false)).toEqual([
      { type: 'image/webp', srcset: 'w 150w', sizes: '' },
      { type: 'image/jpeg', srcset: 'j 150w', sizes: '' },
    ]);
  });
});

describe('fallbackRendition', () => {
  it('picks the JPEG of the framing asked for: the whole image, or the square crop', () => {
    expect(fallbackRendition(record, 300)?.url).toBe('u/small.jpg');
    expect(fallbackRendition(record, 300, true)?.url).toBe('u/square.jpg');
  });
});
