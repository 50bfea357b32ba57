import { describe, expect, it } from 'vitest';
import { RENDITION_NAMES, RENDITION_SPECS } from '../src/renditions.js';

describe('RENDITION_SPECS', () => {
  it('lists four widths in JPEG and WebP, eight renditions in all', () => {
    expect(RENDITION_SPECS.map((spec) => `${spec.name}.${spec.ext}@${spec.width}`)).toEqual([
      'thumb.jpg@150',
      'thumb.webp@150',
      'small.jpg@480',
      'small.webp@480',
      'medium.jpg@1024',
      'medium.webp@1024',
      'large.jpg@2048',
      'large.webp@2048',
    ]);
  });

  it('pairs each format with its content type', () => {
    for (const spec of RENDITION_SPECS) {
      expect(spec.contentType).toBe(spec.format === 'jpeg' ? 'image/jpeg' : 'image/webp');
    }
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(RENDITION_SPECS)).toBe(true);
    expect(Object.isFrozen(RENDITION_SPECS[0])).toBe(true);
  });
});

describe('RENDITION_NAMES', () => {
  it('names the four sizes, smallest first', () => {
    expect(RENDITION_NAMES).toEqual(['thumb', 'small', 'medium', 'large']);
  });
});
