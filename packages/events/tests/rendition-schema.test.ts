import { describe, expect, it } from 'vitest';
import { parseMessage } from '../src/parse-message.js';
import { RerenderRequestSchema, rerenderRequestBody } from '../src/rerender-request.js';

const processed = (rendition: Record<string, unknown>) =>
  JSON.stringify({
    type: 'image.processed',
    imageId: 'i',
    version: 'v',
    owner: null,
    bucket: 'b',
    key: 'uploads/i.jpg',
    occurredAt: '2026-01-01T00:00:00Z',
    renditions: [
      { key: 'i/v/x.avif', width: 1, height: 1, bytes: 1, contentType: 'image/avif', ...rendition },
    ],
  });

describe('image.processed renditions', () => {
  it('accepts any size name a profile may configure, and AVIF', () => {
    const message = parseMessage(processed({ name: 'square', format: 'avif' }));
    expect(message).toMatchObject({
      kind: 'domain',
      event: { renditions: [{ name: 'square', format: 'avif' }] },
    });
    expect(() => parseMessage(processed({ name: 'card-2x', format: 'webp' }))).not.toThrow();
  });

  it('refuses a name that cannot be a key segment and an unknown format', () => {
    expect(() => parseMessage(processed({ name: 'Big One', format: 'webp' }))).toThrow(/domain event/);
    expect(() => parseMessage(processed({ name: 'thumb', format: 'gif' }))).toThrow(/domain event/);
  });
});

describe('rerenderRequestBody', () => {
  it('writes a message RerenderRequestSchema reads back', () => {
    const body = rerenderRequestBody('img', 'etag', new Date('2026-01-02T03:04:05Z'));
    expect(RerenderRequestSchema.parse(JSON.parse(body))).toEqual({
      type: 'image.rerender_requested',
      imageId: 'img',
      version: 'etag',
      requestedAt: '2026-01-02T03:04:05.000Z',
    });
  });
});
