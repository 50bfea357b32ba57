import { defineConfig } from 'vitest/config';

/** Unit tests of the local AWS helpers (no moto needed): `npx turbo run test --filter=@pipeline/local-aws`. */
export default defineConfig({
  cacheDir: '../../node_modules/.vite/scripts-local-aws',
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
  },
});
