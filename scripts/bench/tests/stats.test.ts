import { describe, expect, it } from 'vitest';
import { fmt, median, medianDifference, medianFields, percentile } from '../stats.ts';

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    const values = [40, 10, 30, 20];

    expect(percentile(values, 50)).toBe(25);
    expect(percentile(values, 95)).toBeCloseTo(38.5);
    expect(percentile(values, 0)).toBe(10);
    expect(percentile(values, 100)).toBe(40);
  });

  it('is NaN for no values, and the median is the 50th percentile', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe('fmt', () => {
  it('groups thousands and says n/a for a number that is not finite', () => {
    expect(fmt(1234.6)).toBe('1,235');
    expect(fmt(1.234, 2)).toBe('1.23');
    expect(fmt(Number.NaN)).toBe('n/a');
  });
});

describe('medianFields', () => {
  it('takes the median of each numeric field and the last run of a text field', () => {
    const runs = [
      { ms: 30, bytes: 5, verdict: 'kept' },
      { ms: 10, bytes: 5, verdict: 'kept' },
      { ms: 20, bytes: 5, verdict: 'dropped (SSIM)' },
    ];

    expect(medianFields(runs)).toEqual({ ms: 20, bytes: 5, verdict: 'dropped (SSIM)' });
  });
});

describe('medianDifference', () => {
  it('is the median of the run-by-run differences, not the difference of the medians', () => {
    // differences 10, -80, 170: median 10 (the medians' difference would be 120 - 130 = -10)
    expect(medianDifference([110, 120, 300], [100, 200, 130])).toBe(10);
  });
});
