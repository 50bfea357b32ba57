import { configDefaults, defineConfig } from 'vitest/config';

/** Unit tests only: tests/integration runs against moto through the root vitest.integration.config.ts. */
export default defineConfig({
  test: { exclude: [...configDefaults.exclude, '**/integration/**'] },
});
