import { describe, expect, it } from 'vitest';
import { ImageTallies } from '../src/image-tallies.js';

const GROUPS = ['uploads/', 'renditions/thumb'];

describe('ImageTallies', () => {
  it('sums objects and bytes per image and Prefix value, with the newest LastModified', () => {
    const tallies = new ImageTallies(GROUPS);
    tallies.add('a', 'uploads/', 100, 5);
    tallies.add('a', 'renditions/thumb', 10, 9);
    tallies.add('a', 'renditions/thumb', 12, 7);
    tallies.add('a', 'renditions/poster', 99, 50);

    expect(tallies.take('a')).toEqual({
      imageId: 'a',
      contribution: { 'uploads/': { objects: 1, bytes: 100 }, 'renditions/thumb': { objects: 2, bytes: 22 } },
      newest: 9,
    });
  });

  it('forgets what it hands over, so what is left are the images no ledger claimed', () => {
    const tallies = new ImageTallies(GROUPS);
    tallies.add('a', 'uploads/', 1, 1);
    tallies.add('b', 'uploads/', 2, 2);

    expect(tallies.take('a').contribution).toEqual({ 'uploads/': { objects: 1, bytes: 1 } });
    expect(tallies.take('a')).toEqual({ imageId: 'a', contribution: {}, newest: 0 });
    expect([...tallies.rest()].map((t) => t.imageId)).toEqual(['b']);
    expect(tallies.size).toBe(1);
  });

  it('keeps every image exact as its pool grows past the first slots', () => {
    const tallies = new ImageTallies(GROUPS);
    const count = 5000;
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < count; i += 1) tallies.add(`img-${i}`, 'renditions/thumb', i, round);
    }

    expect(tallies.size).toBe(count);
    expect(tallies.take('img-0')).toMatchObject({
      contribution: { 'renditions/thumb': { objects: 2, bytes: 0 } },
    });
    expect(tallies.take('img-4999')).toEqual({
      imageId: 'img-4999',
      contribution: { 'renditions/thumb': { objects: 2, bytes: 9998 } },
      newest: 1,
    });
  });
});
