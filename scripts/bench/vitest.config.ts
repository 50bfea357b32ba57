import { defineConfig } from 'vitest/config';

/** Unit tests of the benchmark's pure parts: `npx vitest run --config scripts/bench/vitest.config.ts`. */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/scripts-bench',
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
  },
});
