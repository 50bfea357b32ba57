import { defineConfig } from 'vitest/config';

/** Unit tests of the operations commands' pure parts: `npx turbo run test --filter=@pipeline/ops`. */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/scripts-ops',
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
  },
});
