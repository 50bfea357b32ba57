import { defineConfig } from 'vitest/config';

/** Unit tests of the benchmark's pure parts: `npx turbo run test --filter=@pipeline/bench`. */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/scripts-bench',
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
  },
});
