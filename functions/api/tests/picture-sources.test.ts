import { describe, expect, it } from 'vitest';
import { pictureSources } from '../src/picture-sources.js';

const r = (format: 'jpeg' | 'webp' | 'avif', width: number, crop?: 'none' | 'square-attention') => ({
  format,
  width,
  url: `https://cdn/${width}.${format}`,
  ...(crop ? { crop } : {}),
});

describe('pictureSources', () => {
  it('gives one source per format, AVIF first and JPEG last, each width once, with a suggested sizes', () => {
    const sources = pictureSources([
      r('jpeg', 480),
      r('webp', 150),
      r('jpeg', 150),
      r('webp', 480),
      r('avif', 480),
      r('jpeg', 480),
    ]);

    expect(sources).toEqual([
      { type: 'image/avif', srcset: 'https://cdn/480.avif 480w', sizes: '(max-width: 480px) 100vw, 480px' },
      {
        type: 'image/webp',
        srcset: 'https://cdn/150.webp 150w, https://cdn/480.webp 480w',
        sizes: '(max-width: 480px) 100vw, 480px',
      },
      {
        type: 'image/jpeg',
        srcset: 'https://cdn/150.jpeg 150w, https://cdn/480.jpeg 480w',
        sizes: '(max-width: 480px) 100vw, 480px',
      },
    ]);
  });

  it('keeps square crops out of the whole-image sources and lists them on their own', () => {
    const renditions = [
      r('jpeg', 2048),
      r('jpeg', 320, 'square-attention'),
      r('webp', 320, 'square-attention'),
    ];

    expect(pictureSources(renditions).map((s) => s.srcset)).toEqual(['https://cdn/2048.jpeg 2048w']);
    expect(pictureSources(renditions, 'square-attention')).toEqual([
      { type: 'image/webp', srcset: 'https://cdn/320.webp 320w', sizes: '320px' },
      { type: 'image/jpeg', srcset: 'https://cdn/320.jpeg 320w', sizes: '320px' },
    ]);
  });

  it('is empty without renditions', () => {
    expect(pictureSources([])).toEqual([]);
    expect(pictureSources([r('jpeg', 150)], 'square-attention')).toEqual([]);
  });
});
