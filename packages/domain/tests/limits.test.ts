import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_INPUT_PIXELS, DEFAULT_MAX_UPLOAD_BYTES } from '../src/limits.js';

describe('default limits', () => {
  it('are 50 MiB and 50 megapixels', () => {
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(52_428_800);
    expect(DEFAULT_MAX_INPUT_PIXELS).toBe(50_000_000);
  });
});
