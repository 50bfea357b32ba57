import { describe, expect, it } from 'vitest';
import { EXPECTED_STATUS, KIND_WEIGHTS, kindCounts, makePlan, seededRandom, UPLOAD_KINDS } from '../plan.ts';

describe('kindCounts', () => {
  it('splits the uploads by weight and adds up to the total', () => {
    const counts = kindCounts(300);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(300);
    for (const kind of UPLOAD_KINDS) expect(counts[kind]).toBe((300 * KIND_WEIGHTS[kind]) / 100);
  });

  it('gives every kind at least one upload in a short run', () => {
    const counts = kindCounts(UPLOAD_KINDS.length);
    for (const kind of UPLOAD_KINDS) expect(counts[kind], kind).toBe(1);
    const forty = kindCounts(40);
    expect(Object.values(forty).reduce((a, b) => a + b, 0)).toBe(40);
    for (const kind of UPLOAD_KINDS) expect(forty[kind], kind).toBeGreaterThan(0);
  });

  it('refuses a total that is not a positive integer', () => {
    expect(() => kindCounts(0)).toThrow(/uploads: 0/);
    expect(() => kindCounts(2.5)).toThrow(RangeError);
  });
});

describe('makePlan', () => {
  it('is the same plan for the same seed and another for another seed', () => {
    expect(makePlan(50, 10, 7)).toEqual(makePlan(50, 10, 7));
    expect(makePlan(50, 10, 7).map((p) => p.kind)).not.toEqual(makePlan(50, 10, 8).map((p) => p.kind));
  });

  it('numbers the uploads, keeps photos in range and marks only duplicate events late', () => {
    const plan = makePlan(120, 6, 42);
    expect(plan.map((p) => p.index)).toEqual([...plan.keys()]);
    for (const item of plan) {
      expect(item.photo).toBeGreaterThanOrEqual(0);
      expect(item.photo).toBeLessThan(6);
      if (item.late) expect(item.kind).toBe('duplicate-event');
    }
    expect(plan.some((p) => p.late)).toBe(true);
  });

  it('needs two photos, so an overwrite can put different bytes', () => {
    expect(() => makePlan(10, 1, 1)).toThrow(/photos/);
  });
});

describe('EXPECTED_STATUS', () => {
  it('ends invalid files REJECTED, deleted uploads DELETED and the rest PROCESSED', () => {
    expect(EXPECTED_STATUS['not-an-image']).toBe('REJECTED');
    expect(EXPECTED_STATUS['truncated-jpeg']).toBe('REJECTED');
    expect(EXPECTED_STATUS['delete-after-upload']).toBe('DELETED');
    expect(EXPECTED_STATUS.overwrite).toBe('PROCESSED');
  });
});

describe('seededRandom', () => {
  it('returns numbers in [0, 1) and repeats for the same seed', () => {
    const a = seededRandom(3);
    const b = seededRandom(3);
    for (let i = 0; i < 100; i++) {
      const value = a();
      expect(value).toBe(b());
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
