import { defineConfig } from 'vitest/config';

/**
 * The doctor's tests: unit tests of its decisions, and the whole doctor
 * against a moto server of its own (port 4640).
 * `npx turbo run test --filter=@pipeline/doctor` (or `make test-doctor`)
 */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/scripts-doctor',
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
    // Guards against a hang only: under turbo the doctor runs beside every other check, and on a
    // loaded 2-CPU machine its two `npx tsx doctor.ts` runs took 91 s.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
