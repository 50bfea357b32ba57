import { describe, expect, it } from 'vitest';
import { sniff } from '../src/sniff';
import { heicHevc, pngDeclaring } from './fixtures/crafted';
import { encodeAs } from './fixtures/images';

const bytes = (...values: number[]) => Buffer.from(values);

describe('sniff', () => {
  it.each(['jpeg', 'png', 'webp', 'gif', 'tiff'] as const)(
    'recognises %s by its magic bytes',
    async (format) => {
      expect(sniff(await encodeAs(format))).toEqual({ kind: 'image', format });
    },
  );

  it('recognises AVIF and HEIC as the HEIF container, leaving the codec to the header', async () => {
    expect(sniff(await encodeAs('avif'))).toMatchObject({
      kind: 'heif',
      brands: expect.arrayContaining(['avif']),
    });
    expect(sniff(heicHevc())).toMatchObject({ kind: 'heif', brands: expect.arrayContaining(['heic']) });
  });

  it('recognises a PNG from its signature whatever its declared size', () => {
    expect(sniff(pngDeclaring(1, 1))).toEqual({ kind: 'image', format: 'png' });
  });

  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"/>', 'SVG'],
    [
      '  <?xml version="1.0" encoding="UTF-8"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg>',
      'SVG',
    ],
    ['<svg:svg xmlns:svg="http://www.w3.org/2000/svg"></svg:svg>', 'SVG'],
    // An external entity in the internal subset (XXE): still an SVG, not "text".
    [
      '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "http://127.0.0.1/x">]>\n<svg>&x;</svg>',
      'SVG',
    ],
  ])('labels %j as an unsupported %s image', (text, label) => {
    expect(sniff(Buffer.from(text))).toEqual({ kind: 'unsupported', label });
  });

  it.each([
    [bytes(0x42, 0x4d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0), 'BMP'],
    [bytes(0xff, 0x0a, 0, 0), 'JPEG XL'],
    [Buffer.from('8BPS\0\x01', 'latin1'), 'Photoshop PSD'],
  ])('labels other image formats as unsupported (%#: %s)', (input, label) => {
    expect(sniff(input)).toEqual({ kind: 'unsupported', label });
  });

  it.each([
    ['', 'empty'],
    ['%PDF-1.4\n', 'a PDF document'],
    ['<!doctype html><title>x</title>', 'an HTML document'],
    ['<html><body><svg></svg></body></html>', 'an HTML document'],
    ['hello, world\n', 'text'],
  ])('labels %j as not an image (%s)', (text, label) => {
    expect(sniff(Buffer.from(text, 'latin1'))).toEqual({ kind: 'not-image', label });
  });

  it('labels an MP4 video as not an image', () => {
    const mp4 = Buffer.concat([bytes(0, 0, 0, 0x18), Buffer.from('ftypisom\0\0\x02\0isomiso2', 'latin1')]);

    expect(sniff(mp4)).toMatchObject({ kind: 'not-image' });
  });

  it('labels unknown binary data with its first bytes', () => {
    expect(sniff(bytes(0xde, 0xad, 0xbe, 0xef, 0, 1))).toEqual({
      kind: 'not-image',
      label: 'unrecognised data (starts with 0xdeadbeef0001)',
    });
  });
});
