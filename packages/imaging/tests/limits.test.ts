import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, formatBytes, formatMegapixels, resolveLimits } from '../src/limits';

describe('resolveLimits', () => {
  it('defaults to 50 MiB and 50 megapixels', () => {
    expect(resolveLimits()).toEqual({ maxBytes: 52_428_800, maxPixels: 50_000_000 });
    expect(DEFAULT_LIMITS).toEqual(resolveLimits({}));
  });

  it('overrides only what is given', () => {
    expect(resolveLimits({ maxPixels: 10, maxBytes: undefined })).toEqual({
      maxBytes: 52_428_800,
      maxPixels: 10,
    });
  });

  it('rejects a limit that is not a positive number, naming it', () => {
    expect(() => resolveLimits({ maxPixels: -1 })).toThrow(/^maxPixels: must be a positive number/);
    expect(() => resolveLimits({ maxBytes: Number.NaN })).toThrow(/^maxBytes:/);
  });
});

describe('formatMegapixels', () => {
  it('prints whole and fractional megapixels', () => {
    expect(formatMegapixels(900_000_000)).toBe('900 MP');
    expect(formatMegapixels(12_345_678)).toBe('12.3 MP');
  });
});

describe('formatBytes', () => {
  it('prints small sizes in bytes and large ones in MiB', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MiB');
    expect(formatBytes(63_124_000)).toBe('60.2 MiB');
  });
});
