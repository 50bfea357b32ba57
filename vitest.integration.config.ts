import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Workers do not see what the global setup puts in its process.env; they start the
// runtimes, whose functions record their AWS calls here (see tests/support/global-setup.ts).
const callLog = path.join(import.meta.dirname, '.local', `calls-${process.env.TEST_AWS_PORT ?? 4567}`);

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
    env: { PIPELINE_CALL_LOG: callLog },
  },
});
