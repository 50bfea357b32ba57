import { defineConfig } from 'vitest/config';

/** Unit tests of the local runtime's pure parts: `npx vitest run --config scripts/local/vitest.config.ts`. */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/scripts-local', // not scripts/local/node_modules
  test: {
    root: import.meta.dirname,
    // The operations commands' and the soak's pure parts are tested here too.
    include: ['tests/**/*.test.ts', '../ops/tests/**/*.test.ts', '../soak/tests/**/*.test.ts'],
  },
});
