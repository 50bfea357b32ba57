import { defineConfig } from 'vitest/config';

/** Real sharp on multi-megapixel images: generous timeouts for a 2-core machine running other suites. */
export default defineConfig({
  test: { testTimeout: 30_000 },
});
