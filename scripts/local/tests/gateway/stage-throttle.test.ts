import { describe, expect, it } from 'vitest';
import { createStageThrottle } from '../../gateway/stage-throttle.ts';

describe('createStageThrottle', () => {
  it('admits a burst of burstLimit requests, then refills at rateLimit per second', () => {
    let now = 0;
    const admit = createStageThrottle({ rateLimit: 2, burstLimit: 3 }, () => now);

    expect([admit(), admit(), admit(), admit()]).toEqual([true, true, true, false]);
    now += 500; // half a second at 2/s: one token
    expect([admit(), admit()]).toEqual([true, false]);
    now += 10_000; // refills only up to the burst
    expect([admit(), admit(), admit(), admit()]).toEqual([true, true, true, false]);
  });

  it('refuses limits that are not positive, naming the output', () => {
    expect(() => createStageThrottle({ rateLimit: 0, burstLimit: 5 })).toThrow(/api_throttling/);
  });
});
