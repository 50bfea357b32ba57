import { describe, expect, it } from 'vitest';
import { fmt, median, percentile } from '../stats.ts';

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
