import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from '../src/router.ts';

describe('parseRoute', () => {
  it('reads the gallery from an empty hash, # and #/', () => {
    for (const hash of ['', '#', '#/', '#//']) expect(parseRoute(hash)).toEqual({ name: 'gallery' });
  });

  it('reads a photo id, decoding it', () => {
    expect(parseRoute('#/images/abc-123')).toEqual({ name: 'image', imageId: 'abc-123' });
    expect(parseRoute('#/images/a%20b/')).toEqual({ name: 'image', imageId: 'a b' });
  });

  it('reads moderation and reports unknown paths', () => {
    expect(parseRoute('#/moderation')).toEqual({ name: 'moderation' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'not-found', path: '/nowhere' });
    expect(parseRoute('#/images/%E0%A4%A')).toEqual({ name: 'not-found', path: '/images/%E0%A4%A' });
  });

  it('treats an in-page anchor (the skip link) as no navigation', () => {
    expect(parseRoute('#main')).toBeUndefined();
  });

  it('round-trips through hrefFor', () => {
    const route = { name: 'image', imageId: 'x/y z' } as const;
    expect(parseRoute(hrefFor(route))).toEqual(route);
    expect(hrefFor({ name: 'moderation' })).toBe('#/moderation');
  });
});
