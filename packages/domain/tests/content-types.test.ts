import { describe, expect, it } from 'vitest';
import { UPLOAD_CONTENT_TYPES, uploadTypeFor } from '../src/content-types.js';

describe('uploadTypeFor', () => {
  it('maps each accepted Content-Type to its format and key extension', () => {
    expect(uploadTypeFor('image/jpeg')).toEqual({ format: 'jpeg', ext: 'jpg' });
    expect(uploadTypeFor('image/tiff')).toEqual({ format: 'tiff', ext: 'tiff' });
    expect(uploadTypeFor('image/heic')).toEqual({ format: 'heic', ext: 'heic' });
    expect(Object.keys(UPLOAD_CONTENT_TYPES)).toHaveLength(7);
  });

  it('ignores parameters and case', () => {
    expect(uploadTypeFor('Image/PNG; charset=binary')).toEqual({ format: 'png', ext: 'png' });
  });

  it('returns undefined for types the pipeline refuses', () => {
    expect(uploadTypeFor('image/bmp')).toBeUndefined();
    expect(uploadTypeFor('text/plain')).toBeUndefined();
    expect(uploadTypeFor('constructor')).toBeUndefined();
    expect(uploadTypeFor(undefined)).toBeUndefined();
    expect(uploadTypeFor('')).toBeUndefined();
  });
});

describe('UPLOAD_CONTENT_TYPES', () => {
  it('lists the seven formats in a stable order, each with the extension its key gets', () => {
    expect(UPLOAD_CONTENT_TYPES).toEqual({
      'image/jpeg': { format: 'jpeg', ext: 'jpg' },
      'image/png': { format: 'png', ext: 'png' },
      'image/webp': { format: 'webp', ext: 'webp' },
      'image/gif': { format: 'gif', ext: 'gif' },
      'image/avif': { format: 'avif', ext: 'avif' },
      'image/tiff': { format: 'tiff', ext: 'tiff' },
      'image/heic': { format: 'heic', ext: 'heic' },
    });
    expect(Object.keys(UPLOAD_CONTENT_TYPES)).toEqual([
      'image/jpeg',
      'image/png',
      'image/webp',
      'image/gif',
      'image/avif',
      'image/tiff',
      'image/heic',
    ]);
  });
});
