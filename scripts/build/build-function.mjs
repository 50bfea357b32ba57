#!/usr/bin/env node
// Bundles a function's src/handler.ts into dist/index.mjs (+ .map).
// Usage: node scripts/build/build-function.mjs [functionDir]   (default: cwd, as turbo runs it)
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleHandler } from './lib/bundle.mjs';
import { formatSize } from './lib/format.mjs';
import { functionDirFromArgs, readFunction } from './lib/paths.mjs';

const dir = functionDirFromArgs(process.argv);
try {
  const { name, sharp, heic } = await readFunction(dir);
  const { bytes, usesSharp, usesHeic } = await bundleHandler(dir);
  // Caught here rather than as "Could not load the sharp module" on the first invocation in AWS.
  if (usesSharp && !sharp) {
    await rm(join(dir, 'dist', 'index.mjs'), { force: true });
    await rm(join(dir, 'dist', 'index.mjs.map'), { force: true });
    throw new Error(
      'the handler imports sharp but function.json does not set "sharp": true, so the zip would lack its native addon',
    );
  }
  // Else "Cannot find module 'libheif-js/libheif-wasm/libheif.js'" at the first HEIC in AWS.
  if (usesHeic && !heic) {
    await rm(join(dir, 'dist', 'index.mjs'), { force: true });
    await rm(join(dir, 'dist', 'index.mjs.map'), { force: true });
    throw new Error(
      'the handler can decode HEIC but function.json does not set "heic": true, so the zip would lack libheif',
    );
  }
  console.log(`${name}: dist/index.mjs ${formatSize(bytes)}`);
} catch (error) {
  console.error(`build failed for ${dir}: ${error.message}`);
  process.exitCode = 1;
}
