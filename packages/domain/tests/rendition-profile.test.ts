import { describe, expect, it } from 'vitest';
import {
  CLASSIC_RENDITION_PROFILE,
  DEFAULT_RENDITION_PROFILE,
  parseRenditionProfile,
} from '../src/rendition-profile.js';
import { renditionProfileDigest } from '../src/rendition-profile-digest.js';
import { RenditionProfileError } from '../src/rendition-profile-error.js';

const size = (name: string, width: number, formats = ['jpeg', 'webp']) => ({ name, width, formats });

describe('parseRenditionProfile: the defaults', () => {
  it('gives the default profile when nothing is configured', () => {
    for (const unset of [undefined, null, '', 'null']) {
      expect(parseRenditionProfile(unset)).toBe(DEFAULT_RENDITION_PROFILE);
    }
  });

  it("defaults to today's eight renditions plus the attention-cropped square", () => {
    expect(DEFAULT_RENDITION_PROFILE.sizes.slice(0, 4)).toEqual(CLASSIC_RENDITION_PROFILE.sizes);
    expect(CLASSIC_RENDITION_PROFILE.sizes.map((s) => `${s.name}@${s.width}:${s.formats}:${s.crop}`)).toEqual(
      [
        'thumb@150:jpeg,webp:none',
        'small@480:jpeg,webp:none',
        'medium@1024:jpeg,webp:none',
        'large@2048:jpeg,webp:none',
      ],
    );
    expect(DEFAULT_RENDITION_PROFILE.sizes[4]).toEqual({
      name: 'square',
      width: 320,
      formats: ['jpeg', 'webp'],
      crop: 'square-attention',
    });
    expect(DEFAULT_RENDITION_PROFILE.avif).toBeUndefined();
  });
});

describe('parseRenditionProfile: the rules', () => {
  it('reads the JSON text Terraform puts in RENDITION_PROFILE, defaulting crop to none', () => {
    const profile = parseRenditionProfile(
      JSON.stringify({
        sizes: [size('tile', 256, ['avif', 'webp'])],
        avif: { effort: 2, minSavingPercent: 10 },
      }),
    );
    expect(profile).toEqual({
      sizes: [{ name: 'tile', width: 256, formats: ['avif', 'webp'], crop: 'none' }],
      avif: { effort: 2, minSavingPercent: 10 },
    });
  });

  it('names every problem with its path', async () => {
    const bad = {
      sizes: [size('thumb', 150), size('thumb', 9000, ['gif']), { ...size('Big One', 8), quality: 0 }],
    };
    const error = (() => {
      try {
        parseRenditionProfile(bad);
      } catch (caught) {
        return caught as RenditionProfileError;
      }
    })();
    expect(error).toBeInstanceOf(RenditionProfileError);
    expect(error?.code).toBe('Config::RenditionProfile');
    expect(error?.problems).toEqual(
      expect.arrayContaining([
        'sizes[1].width must be at most 8192 px',
        expect.stringMatching(/^sizes\[1\]\.formats\[0\] must be one of jpeg, webp, avif/),
        expect.stringMatching(/^sizes\[2\]\.name must be lower-case/),
        'sizes[2].width must be at least 16 px',
        'sizes[2].quality must be 1-100',
      ]),
    );
  });

  it('refuses a name used twice, once the sizes are otherwise valid', () => {
    expect(() => parseRenditionProfile({ sizes: [size('a', 100), size('a', 200)] })).toThrow(
      'sizes[1].name "a" is used twice',
    );
  });

  it('refuses no sizes, no formats, a repeated format, unknown keys and bad JSON', () => {
    expect(() => parseRenditionProfile({ sizes: [] })).toThrow('sizes must list at least one size');
    expect(() => parseRenditionProfile({ sizes: [size('a', 100, [])] })).toThrow(
      'must list at least one format',
    );
    expect(() => parseRenditionProfile({ sizes: [size('a', 100, ['webp', 'webp'])] })).toThrow(
      'must not list a format twice',
    );
    expect(() => parseRenditionProfile({ sizes: [size('a', 100)], extra: 1 })).toThrow(RenditionProfileError);
    expect(() => parseRenditionProfile('{"sizes":')).toThrow(/not valid JSON/);
  });

  it('refuses AVIF settings out of range', () => {
    expect(() => parseRenditionProfile({ sizes: [size('a', 100)], avif: { effort: 10 } })).toThrow(
      'avif.effort must be 0-9',
    );
  });
});

describe('renditionProfileDigest', () => {
  it('is the same for the same profile whatever the key order, and differs on any change', () => {
    const a = parseRenditionProfile({ sizes: [size('a', 100)] });
    const b = parseRenditionProfile({ sizes: [{ formats: ['jpeg', 'webp'], width: 100, name: 'a' }] });
    const c = parseRenditionProfile({ sizes: [{ ...size('a', 100), quality: 70 }] });
    expect(renditionProfileDigest(a)).toBe(renditionProfileDigest(b));
    expect(renditionProfileDigest(a)).not.toBe(renditionProfileDigest(c));
    expect(renditionProfileDigest(a)).toMatch(/^[0-9a-f]{12}$/);
  });
});
