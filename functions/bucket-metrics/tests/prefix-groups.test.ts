import { describe, expect, it } from 'vitest';
import {
  boundGroups,
  OTHER_PREFIX,
  renditionsGrouping,
  type Tally,
  uploadsGrouping,
} from '../src/prefix-groups.js';

const tally = (objects: number, bytes = objects * 10): Tally => ({ objects, bytes });

describe('uploadsGrouping', () => {
  it('groups by top-level folder, with / for keys at the root', () => {
    expect(uploadsGrouping.groupOf('uploads/alice/3f2b.jpg')).toBe('uploads/');
    expect(uploadsGrouping.groupOf('tmp/x/y.bin')).toBe('tmp/');
    expect(uploadsGrouping.groupOf('README.txt')).toBe('/');
  });
});

describe('renditionsGrouping', () => {
  it('groups rendition keys by rendition name and anything else as (other)', () => {
    expect(renditionsGrouping.groupOf('3f2b/etag1/thumb.jpg')).toBe('renditions/thumb');
    expect(renditionsGrouping.groupOf('3f2b/etag1/large.webp')).toBe('renditions/large');
    expect(renditionsGrouping.groupOf('3f2b/etag1/huge.jpg')).toBe(OTHER_PREFIX);
    expect(renditionsGrouping.groupOf('3f2b/thumb.jpg')).toBe(OTHER_PREFIX);
    expect(renditionsGrouping.groupOf('thumb.jpg')).toBe(OTHER_PREFIX);
  });
});

describe('boundGroups', () => {
  it('reports the always-present values as zero when no key falls in them', () => {
    const bounded = boundGroups(new Map([['tmp/', tally(2)]]), ['uploads/']);
    expect(Object.fromEntries(bounded)).toEqual({ 'uploads/': tally(0, 0), 'tmp/': tally(2) });
  });

  it('sums the groups beyond the limit into (other), keeping the first ones in key order', () => {
    const groups = new Map(['e/', 'b/', 'd/', 'a/', 'c/'].map((name) => [name, tally(1)]));
    groups.set('uploads/', tally(7));

    const bounded = boundGroups(groups, ['uploads/'], 4);

    expect([...bounded.keys()]).toEqual(['uploads/', 'a/', 'b/', OTHER_PREFIX]);
    expect(bounded.get(OTHER_PREFIX)).toEqual(tally(3));
    const sum = [...bounded.values()].reduce((n, t) => n + t.objects, 0);
    expect(sum).toBe(12);
  });

  it('keeps (other) when it already has keys, still within the limit', () => {
    const groups = new Map([
      ['renditions/thumb', tally(4)],
      [OTHER_PREFIX, tally(1)],
    ]);
    const bounded = boundGroups(groups, ['renditions/thumb', 'renditions/small'], 3);
    expect(Object.fromEntries(bounded)).toEqual({
      'renditions/thumb': tally(4),
      'renditions/small': tally(0, 0),
      [OTHER_PREFIX]: tally(1),
    });
  });
});

describe('isManaged', () => {
  it('is true for the keys the counters account for, false for what only a listing sees', () => {
    expect(uploadsGrouping.isManaged('uploads/alice/a.jpg')).toBe(true);
    expect(uploadsGrouping.isManaged('uploads/a.jpg')).toBe(true);
    expect(uploadsGrouping.isManaged('uploads/alice/')).toBe(false);
    expect(uploadsGrouping.isManaged('tmp/a.jpg')).toBe(false);
    expect(uploadsGrouping.isManaged('root.txt')).toBe(false);
    expect(renditionsGrouping.isManaged('id/v1/thumb.webp')).toBe(true);
    expect(renditionsGrouping.isManaged('id/v1/poster.webp')).toBe(false);
    expect(renditionsGrouping.isManaged('stray.txt')).toBe(false);
  });
});
