import { defineConfig } from 'vitest/config';

/** Tests of `make sample`: `npx turbo run test --filter=@pipeline/sample`. */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/scripts-sample',
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
    // A hang guard, not a speed limit: sharp renders one 1600 px image.
    testTimeout: 300_000,
  },
});
