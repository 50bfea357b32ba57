import { defineConfig } from 'vitest/config';

/** Unit tests of the local AWS stand-in's pure parts: `npx turbo run test --filter=@pipeline/local`. */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/scripts-local', // not scripts/local/node_modules
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
    // Under turbo these run beside every workspace's checks: on a loaded 2-CPU machine starting the
    // gateway's Lambda workers took over vitest's 10 s, a 10 MB request over its 5 s. Guards against a hang only.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
