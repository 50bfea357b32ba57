import { describe, expect, it } from 'vitest';
import { changeFromBaseline, classicSetCheck, signedPercent } from '../features-baseline.ts';
import { ELEPHANTS, featuresRun, photoFeatures } from './features-fixture.ts';
import { benchRun } from './run-fixture.ts';

describe('changeFromBaseline', () => {
  it('is the percent change against the committed time, undefined for an unknown photo', () => {
    expect(changeFromBaseline(ELEPHANTS, 672)).toBeCloseTo(5);
    expect(changeFromBaseline('other.jpg', 100)).toBeUndefined();
  });
});

describe('signedPercent', () => {
  it('signs the change with a real minus', () => {
    expect(signedPercent(3.14)).toBe('+3.1%');
    expect(signedPercent(-2)).toBe('−2.0%');
  });
});

/** A run whose renditions section measured the largest photo's core and floor. */
function withCoreAndFloor(
  coreMs: number,
  floorMs: number,
  machine = '2 × Intel(R) Xeon(R) Processor, 24 GiB',
) {
  const run = { ...featuresRun(), machine };
  const first = run.renditions.images[0];
  if (first) {
    first.columns.core = { ok: true, ms: coreMs, cpuMs: coreMs, bytes: 1, runs: [coreMs] };
    first.columns.floor = { ok: true, ms: floorMs, cpuMs: floorMs, bytes: 1, runs: [floorMs] };
  }
  return run;
}

/** A run with the features section only (no renditions section: no core, no floor). */
function featuresOnly(classicMs: number, machine?: string) {
  const run = featuresRun(photoFeatures({ classic: { ms: classicMs, cpuMs: 700, bytes: 1 } }));
  const first = run.renditions.images[0];
  if (first) first.columns.floor = { ok: false, note: 'not in --only' };
  return machine ? { ...run, machine } : run;
}

describe('classicSetCheck', () => {
  it('judges set ÷ decode floor against the baseline ratio, on any machine', () => {
    // Baseline 640 / 481 = 1.33×; here 1,557 / 1,239 = 1.26× (a slower machine, the same ratio or better).
    const check = classicSetCheck(withCoreAndFloor(1557, 1239));

    expect(check.target).toContain('as set ÷ decode floor');
    expect(check.holds).toBe(true);
    expect(check.measured).toBe(
      '1.26× (1,557 / 1,239 ms) vs 1.33× (640 / 481 ms): −5.6%; renditions section, median of 1',
    );
  });

  it('misses when the ratio grew by more than 5%', () => {
    expect(classicSetCheck(withCoreAndFloor(1750, 1239)).holds).toBe(false);
  });

  it('without a floor, compares times on the baseline machine only', () => {
    expect(classicSetCheck(featuresOnly(660, '2 × AMD EPYC, 24 GiB'))).toMatchObject({
      holds: true,
      measured: '660 ms (+3.1%; features section, median of 3)',
    });
    expect(classicSetCheck(featuresOnly(680, '2 × AMD EPYC, 24 GiB')).holds).toBe(false);
    expect(classicSetCheck(featuresOnly(660, '2 × Intel(R) Xeon(R) Processor, 24 GiB'))).toMatchObject({
      holds: undefined,
      measured: expect.stringContaining('not judged: no decode floor in this run'),
    });
  });

  it('is not judged on a photo the baseline does not have', () => {
    const check = classicSetCheck(benchRun(undefined));

    expect(check.holds).toBeUndefined();
    expect(check.target).toContain('(photo-5640x3172.jpg)');
    expect(check.measured).toContain('700 ms');
  });
});
