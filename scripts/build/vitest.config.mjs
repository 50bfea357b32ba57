// Tests for the build scripts: npx turbo run test --filter=@pipeline/build
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.mjs'],
    // The first run on a machine installs sharp for linux-arm64 into .cache/ (a few MB from the registry).
    // These run beside every other workspace's checks in turbo: the timeouts only guard against a hang
    // (a sharp package took 180 s on a 2-CPU machine at load 30, 40 s when quiet).
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
