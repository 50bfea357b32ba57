import { parseRenditionProfile } from '@pipeline/domain';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeRenditions } from '../src/make-renditions';
import { encodeAs, flatPng } from './fixtures/images';

describe('makeRenditions with a configured profile', () => {
  it('makes exactly the sizes and formats the profile lists, at its quality', async () => {
    const profile = parseRenditionProfile({
      sizes: [
        { name: 'tile', width: 300, formats: ['webp'], quality: 30 },
        { name: 'hero', width: 200, formats: ['jpeg', 'avif'] },
      ],
    });
    const input = await encodeAs('jpeg', 800, 600);

    const renditions = await makeRenditions(input, { profile });

    expect(renditions.map((r) => `${r.name}.${r.ext}:${r.width}x${r.height}:${r.contentType}`)).toEqual([
      'tile.webp:300x225:image/webp',
      'hero.jpg:200x150:image/jpeg',
      // No WebP of the hero size to compare with: its AVIF is kept.
      'hero.avif:200x150:image/avif',
    ]);
    for (const r of renditions)
      expect((await sharp(r.body).metadata()).format).toBe(r.format === 'avif' ? 'heif' : r.format);
    const atDefault = await makeRenditions(input, {
      profile: parseRenditionProfile({ sizes: [{ name: 'tile', width: 300, formats: ['webp'] }] }),
    });
    // Quality 30 against the default 80 on noise: a much smaller file.
    expect(renditions[0]?.bytes).toBeLessThan((atDefault[0]?.bytes ?? 0) * 0.8);
  });

  it('drops AVIF when it is not the stated margin smaller than the WebP (the rule itself: avif-rule.test.ts)', async () => {
    const sizes = [{ name: 'a', width: 200, formats: ['webp', 'avif'] }];
    // A flat grey square: WebP stores it in a few dozen bytes, AVIF's container alone is larger.
    const flat = await flatPng(200, 200);
    const dropped = await makeRenditions(flat, { profile: parseRenditionProfile({ sizes }) });
    expect(dropped.map((r) => r.format)).toEqual(['webp']);
  });
});
