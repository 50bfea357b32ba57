import { describe, expect, it } from 'vitest';
import { parseRenditionProfile } from '../src/rendition-profile.js';
import {
  CLASSIC_RENDITION_SPECS,
  RENDITION_NAMES,
  RENDITION_SPECS,
  renditionSpecs,
} from '../src/renditions.js';

const keysOf = (specs: typeof RENDITION_SPECS) =>
  specs.map((spec) => `${spec.name}.${spec.ext}@${spec.width}`);

describe('RENDITION_SPECS', () => {
  it("lists today's eight renditions, then the square in JPEG and WebP", () => {
    expect(keysOf(RENDITION_SPECS)).toEqual([
      'thumb.jpg@150',
      'thumb.webp@150',
      'small.jpg@480',
      'small.webp@480',
      'medium.jpg@1024',
      'medium.webp@1024',
      'large.jpg@2048',
      'large.webp@2048',
      'square.jpg@320',
      'square.webp@320',
    ]);
    expect(RENDITION_SPECS.filter((s) => s.crop === 'square-attention').map((s) => s.name)).toEqual([
      'square',
      'square',
    ]);
  });

  it('keeps the classic eight (4 widths x JPEG, WebP, uncropped) as the bench reference', () => {
    expect(keysOf(CLASSIC_RENDITION_SPECS)).toEqual(keysOf(RENDITION_SPECS).slice(0, 8));
    expect(CLASSIC_RENDITION_SPECS.every((s) => s.crop === 'none')).toBe(true);
  });

  it('stores each format under its extension and content type', () => {
    for (const spec of renditionSpecs(
      parseRenditionProfile({ sizes: [{ name: 'x', width: 100, formats: ['jpeg', 'webp', 'avif'] }] }),
    )) {
      expect(`${spec.ext} ${spec.contentType}`).toBe(
        { jpeg: 'jpg image/jpeg', webp: 'webp image/webp', avif: 'avif image/avif' }[spec.format],
      );
    }
  });

  it('carries a size quality onto each of its specs', () => {
    const specs = renditionSpecs(
      parseRenditionProfile({ sizes: [{ name: 'x', width: 100, formats: ['jpeg', 'webp'], quality: 70 }] }),
    );
    expect(specs.map((s) => s.quality)).toEqual([70, 70]);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(RENDITION_SPECS)).toBe(true);
    expect(Object.isFrozen(RENDITION_SPECS[0])).toBe(true);
  });
});

describe('RENDITION_NAMES', () => {
  it('names the default sizes in profile order', () => {
    expect(RENDITION_NAMES).toEqual(['thumb', 'small', 'medium', 'large', 'square']);
  });
});
