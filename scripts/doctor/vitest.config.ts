import { defineConfig } from 'vitest/config';

/**
 * The doctor's tests: unit tests of its decisions, and the whole doctor
 * against a moto server of its own (port 4640).
 * `npx vitest run --config scripts/doctor/vitest.config.ts`
 */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/scripts-doctor',
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
