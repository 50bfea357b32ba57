import { configDefaults, defineConfig } from 'vitest/config';

/** Unit tests only: tests/integration runs against moto through the root vitest.integration.config.ts. */
export default defineConfig({
  test: { testTimeout: 30_000, exclude: [...configDefaults.exclude, '**/integration/**'] },
});
