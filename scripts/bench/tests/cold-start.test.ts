import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unzippedSize } from '../cold-start.ts';

describe('unzippedSize', () => {
  it('adds up the uncompressed sizes from the central directory', () => {
    const zip = Buffer.from(
      zipSync({ 'index.mjs': new Uint8Array(1000).fill(97), 'node_modules/a/b.js': new Uint8Array(250) }),
    );

    expect(unzippedSize(zip)).toBe(1250);
  });

  it('rejects bytes that are not a zip', () => {
    expect(() => unzippedSize(Buffer.from('not a zip'))).toThrow(/not a zip/);
  });
});
