import { describe, expect, it } from 'vitest';
import { checkCounters, managedGroupOf } from '../counters-check.ts';

const exact = { 'uploads/': { objects: 0, bytes: 0 }, 'renditions/thumb': { objects: 0, bytes: 0 } };

describe('managedGroupOf', () => {
  it('classifies keys as bucket-metrics reconcile does', () => {
    expect(managedGroupOf('uploads', 'uploads/alice/x.jpg')).toBe('uploads/');
    expect(managedGroupOf('uploads', 'uploads/alice/')).toBeUndefined();
    expect(managedGroupOf('uploads', 'tmp/x.jpg')).toBeUndefined();
    expect(managedGroupOf('renditions', 'id/v1/thumb.webp')).toBe('renditions/thumb');
    expect(managedGroupOf('renditions', 'id/v1/poster.webp')).toBeUndefined();
    expect(managedGroupOf('renditions', 'stray.txt')).toBeUndefined();
  });
});

describe('checkCounters', () => {
  it('passes when the counters equal the listing, and names the values that differ otherwise', () => {
    expect(checkCounters(undefined, exact).ok).toBe(true);
    const off = { ...exact, 'uploads/': { objects: 1, bytes: 10 } };
    const failed = checkCounters(undefined, off);
    expect(failed.ok).toBe(false);
    expect(failed.problems).toEqual([
      'uploads/: listing minus counters 1 objects / 10 bytes, expected 0 / 0',
    ]);
  });

  it('fails on a byte drift alone (same object count, other bytes)', () => {
    const bytesOnly = { ...exact, 'uploads/': { objects: 0, bytes: 10 } };
    const result = checkCounters(undefined, bytesOnly);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      'uploads/: listing minus counters 0 objects / 10 bytes, expected 0 / 0',
    ]);
    expect(checkCounters(undefined, exact).detail).toBe(
      'objects and bytes equal to the listing (2 Prefix values)',
    );
  });

  it('on a shared stack, passes when the soak left the drift where it was', () => {
    const before = { ...exact, 'renditions/thumb': { objects: 5, bytes: 50 } };
    expect(checkCounters(before, before).ok).toBe(true);
    expect(checkCounters(before, exact).ok).toBe(false);
  });

  it('is skipped on a stack without the counters table', () => {
    expect(checkCounters(undefined, undefined).ok).toBe('skipped');
  });
});
