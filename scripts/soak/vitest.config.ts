import { defineConfig } from 'vitest/config';

/** Unit tests of the soak's pure parts: `npx turbo run test --filter=@pipeline/soak`. */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/scripts-soak',
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
  },
});
