import { describe, expect, it } from 'vitest';
import { imageMsAt, invocationDollars, PRICES } from '../cost.ts';

describe('imageMsAt', () => {
  it('stretches the 1-CPU time below one vCPU (1,769 MB)', () => {
    expect(imageMsAt(PRICES.mbPerVcpu / 2, 800, 600)).toBe(1600);
    expect(imageMsAt(PRICES.mbPerVcpu, 800, 600)).toBe(800);
  });

  it('moves linearly to the 2-CPU time between one and two vCPUs and holds it above', () => {
    expect(imageMsAt(PRICES.mbPerVcpu * 1.5, 800, 600)).toBe(700);
    expect(imageMsAt(PRICES.mbPerVcpu * 4, 800, 600)).toBe(600);
  });
});

describe('invocationDollars', () => {
  it('bills GB-seconds per started millisecond plus the request', () => {
    const dollars = invocationDollars(999.2, 2048);

    expect(dollars).toBeCloseTo(1 * 2 * PRICES.perGbSecond + PRICES.perRequest, 12);
  });
});
