import { defineConfig } from 'vitest/config';

/**
 * Security as tests: assertions on the plan of terraform/envs/aws (made by
 * the global setup against a moto server of its own), and unit tests of the
 * checks themselves. `npx vitest run --config tests/security/vitest.config.ts`
 */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/tests-security',
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    globalSetup: ['global-setup.ts'],
    testTimeout: 30_000,
  },
});
