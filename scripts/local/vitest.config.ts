import { defineConfig } from 'vitest/config';

/** Unit tests of the local runtime's pure parts: `npx vitest run --config scripts/local/vitest.config.ts`. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
  },
});
