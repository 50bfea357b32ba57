import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { configureSharp } from '../src/configure-sharp';

describe('configureSharp', () => {
  it('turns the libvips operation cache off and uses one libvips thread per image', () => {
    configureSharp({}, true);

    expect(sharp.cache().memory.max).toBe(0);
    expect(sharp.cache().items.max).toBe(0);
    expect(sharp.concurrency()).toBe(1);
  });

  it('applies settings only once unless forced', () => {
    configureSharp({ concurrency: 2 }, true);

    configureSharp({ concurrency: 1 });

    expect(sharp.concurrency()).toBe(2);
    configureSharp({}, true);
  });
});
