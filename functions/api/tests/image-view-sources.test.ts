import { toRecord } from '@pipeline/store';
import { describe, expect, it } from 'vitest';
import { toImageView } from '../src/image-view.js';
import { IMAGE_ID, storedImage } from './helpers.js';

const rendition = (name: string, format: 'jpeg' | 'webp' | 'avif', width: number, crop?: string) => ({
  name,
  key: `${IMAGE_ID}/v/${name}.${format === 'jpeg' ? 'jpg' : format}`,
  width,
  height: crop ? width : Math.round(width * 0.75),
  format,
  bytes: 1,
  contentType: `image/${format}`,
  ...(crop ? { crop } : {}),
});

describe('toImageView: picture sources', () => {
  it('serves <picture> sources for the whole image and, apart, for the square crop', () => {
    const renditions = [
      rendition('small', 'jpeg', 480),
      rendition('small', 'webp', 480),
      rendition('small', 'avif', 480),
      rendition('square', 'jpeg', 320, 'square-attention'),
    ];

    const view = toImageView(toRecord(storedImage({ renditions })), 'http://x');

    expect(view.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp', 'image/jpeg']);
    expect(view.sources[0]).toEqual({
      type: 'image/avif',
      srcset: `http://x/${IMAGE_ID}/v/small.avif 480w`,
      sizes: '(max-width: 480px) 100vw, 480px',
    });
    // The square has another aspect ratio: never in the whole image's srcset.
    expect(view.srcset.jpeg).toBe(`http://x/${IMAGE_ID}/v/small.jpg 480w`);
    expect(view.squareSources).toEqual([
      { type: 'image/jpeg', srcset: `http://x/${IMAGE_ID}/v/square.jpg 320w`, sizes: '320px' },
    ]);
    expect(view.renditions.find((r) => r.name === 'square')?.crop).toBe('square-attention');
  });

  it('treats renditions recorded before profiles as whole-image ones', () => {
    const view = toImageView(toRecord(storedImage()), 'http://x');

    expect(view.renditions.every((r) => r.crop === 'none')).toBe(true);
    expect(view.sources.map((s) => s.type)).toEqual(['image/webp', 'image/jpeg']);
    expect(view.squareSources).toEqual([]);
  });
});
