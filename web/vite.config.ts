/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

/**
 * The web app: a static bundle in dist/ that reads /config.json at start
 * (served by scripts/local/web/web-server.ts locally, uploaded by `make deploy`).
 */
export default defineConfig({
  base: '/',
  cacheDir: '../node_modules/.vite/web',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  test: { environment: 'node' },
});
