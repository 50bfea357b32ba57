import { defineConfig } from 'vitest/config';

/** Unit tests of the local runtime's pure parts: `npx vitest run --config scripts/local/vitest.config.ts`. */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/scripts-local', // not scripts/local/node_modules
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
  },
});
