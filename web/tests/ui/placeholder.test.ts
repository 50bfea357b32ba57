import { rgbaToThumbHash } from 'thumbhash';
import { describe, expect, it } from 'vitest';
import { thumbHashDataUrl } from '../../src/ui/placeholder.ts';

describe('thumbHashDataUrl', () => {
  it('decodes a base64 ThumbHash to a PNG data URL', () => {
    const rgba = new Uint8Array(8 * 6 * 4).fill(200);
    const hash = Buffer.from(rgbaToThumbHash(8, 6, rgba)).toString('base64');

    expect(thumbHashDataUrl(hash)).toMatch(/^data:image\/png;base64,/);
  });

  it('gives nothing for a value that is not a ThumbHash', () => {
    expect(thumbHashDataUrl('%%%')).toBeUndefined();
    expect(thumbHashDataUrl('')).toBeUndefined();
  });
});
