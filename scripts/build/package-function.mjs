#!/usr/bin/env node
// Zips a built function into dist/<name>.zip: the bundle, its source map and,
// for "sharp": true, sharp with its linux-arm64 binaries and, for "heic": true, libheif's
// WebAssembly build (separate LGPL files). Same inputs, same bytes.
// Usage: node scripts/build/package-function.mjs [functionDir]   (default: cwd, as turbo runs it)
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatSize } from './lib/format.mjs';
import { functionDirFromArgs, readFunction, repoRoot } from './lib/paths.mjs';
import { libheifRuntimeFiles, sharpRuntimeFiles } from './lib/runtime-files.mjs';
import { ensureSharpRuntime, installedSharpVersion } from './lib/sharp-runtime.mjs';
import { deterministicZip } from './lib/zip.mjs';

const BUNDLE_FILES = ['index.mjs', 'index.mjs.map'];

const dir = functionDirFromArgs(process.argv);
try {
  const { name, sharp, heic } = await readFunction(dir);
  const dist = join(dir, 'dist');
  const entries = [];
  for (const file of BUNDLE_FILES) {
    entries.push({ path: file, data: await readBuilt(join(dist, file)) });
  }
  if (sharp) {
    const runtime = await ensureSharpRuntime(await installedSharpVersion());
    for (const { path, file, executable } of await sharpRuntimeFiles(join(runtime, 'node_modules'))) {
      entries.push({ path, data: await readFile(file), executable });
    }
  }
  if (heic) {
    for (const { path, file, executable } of await libheifRuntimeFiles(join(repoRoot, 'node_modules'))) {
      entries.push({ path, data: await readFile(file), executable });
    }
  }
  const zip = deterministicZip(entries);
  const target = join(dist, `${name}.zip`);
  const staging = `${target}.tmp-${process.pid}`;
  await writeFile(staging, zip);
  await rename(staging, target);
  console.log(
    `${name}: dist/${name}.zip ${formatSize(zip.length)} (${entries.length} files${sharp ? ', with sharp' : ''}${heic ? ', with libheif' : ''})`,
  );
} catch (error) {
  console.error(`package failed for ${dir}: ${error.message}`);
  process.exitCode = 1;
}

async function readBuilt(file) {
  try {
    return await readFile(file);
  } catch (error) {
    if (error.code === 'ENOENT') throw new Error(`${file} is missing; run the build first`);
    throw error;
  }
}
