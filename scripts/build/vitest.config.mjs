// Tests for the build scripts: npx vitest run --config scripts/build/vitest.config.mjs
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.mjs'],
    // The first run on a machine installs sharp for linux-arm64 into .cache/ (a few MB from the registry).
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
