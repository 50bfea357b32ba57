import { defineConfig } from 'vitest/config';

/**
 * Integration and end-to-end tests: they run against a moto server that the
 * global setup starts and provisions with the same Terraform as AWS
 * (terraform/envs/local). Files run one at a time because they share it.
 */
export default defineConfig({
  test: {
    include: ['functions/*/tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
