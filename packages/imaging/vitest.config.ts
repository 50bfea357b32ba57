import { defineConfig } from 'vitest/config';

/**
 * Real sharp on multi-megapixel images. The timeout guards against hangs, never speed: turbo runs
 * every workspace's tests at once on two cores, where one 12 MP test took over 30 s.
 */
export default defineConfig({
  test: { testTimeout: 300_000 },
});
