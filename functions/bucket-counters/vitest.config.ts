import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Unit tests only: tests/integration runs against moto through the root vitest.integration.config.ts.
 * The timeout guards against hangs, never speed: turbo runs every workspace's tests at once on
 * two cores, where a sharp-heavy test can take many times its quiet-machine duration.
 */
export default defineConfig({
  test: { testTimeout: 300_000, exclude: [...configDefaults.exclude, '**/integration/**'] },
});
