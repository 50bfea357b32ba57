import { defineConfig } from 'vitest/config';

/** Unit tests of the structure checks, run on fixture trees written to a temporary folder. */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/scripts-code-checks',
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
    // A guard against hangs, not a speed check: a cruise of a fixture tree takes seconds on a busy machine.
    testTimeout: 300_000,
  },
});
