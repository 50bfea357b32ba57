// Chooses which files the Lambda zip needs at run time beside the bundle: sharp's native packages (the
// bundle carries sharp's JavaScript, lib/bundle.mjs) and, for HEIC, libheif's WebAssembly build.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * Files a package never needs at run time: docs (licences are kept), type
 * declarations, source maps, C++ sources and build/install scripts, C
 * headers, CLIs.
 */
const SKIP_FILE = [/\.md$/i, /\.d\.[cm]?ts$/, /\.map$/, /\.(cc|h|hpp|gyp)$/];
const SKIP_DIR = new Set(['include', 'bin', 'test', 'tests', 'docs', '.github']);
const KEEP_ALWAYS = /^(licen[cs]e|copying|notice)(\.|$)/i;

/** sharp's platform packages: the `.node` addon and libvips, left external by the bundle. */
const NATIVE_PACKAGE = /^@img\/sharp-/;

/**
 * Walks the runtime dependency closure of `sharp` inside `nodeModules`
 * (dependencies plus whichever optionalDependencies npm installed, i.e. only
 * the target platform's @img binaries) and lists the files of its native
 * packages to ship.
 * @param {string} nodeModules path to a node_modules folder holding sharp
 * @returns {Promise<Array<{ path: string, file: string, executable: boolean }>>} zip path, source file, mode
 */
export async function sharpRuntimeFiles(nodeModules) {
  const packages = (await dependencyClosure(nodeModules, 'sharp')).filter((name) =>
    NATIVE_PACKAGE.test(name),
  );
  const files = [];
  for (const name of packages) {
    const root = join(nodeModules, name);
    for (const file of await walk(root)) {
      const rel = relative(root, file).split(sep).join('/');
      const info = await stat(file);
      files.push({ path: `node_modules/${name}/${rel}`, file, executable: (info.mode & 0o111) !== 0 });
    }
  }
  return files;
}

async function dependencyClosure(nodeModules, start) {
  const seen = new Set();
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.shift();
    if (seen.has(name)) continue;
    const manifest = await readManifest(join(nodeModules, name));
    if (!manifest) {
      if (name === start) throw new Error(`${start} is not installed in ${nodeModules}`);
      continue; // an optional dependency for another platform: not installed, not needed
    }
    seen.add(name);
    queue.push(...Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }));
  }
  return [...seen].sort();
}

async function readManifest(dir) {
  try {
    return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
}

async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules') {
        // A fresh single-package install is flat; nesting would need resolution this walker does not do.
        throw new Error(`unexpected nested ${path}; extend runtime-files.mjs to ship it`);
      }
      if (!SKIP_DIR.has(entry.name)) out.push(...(await walk(path)));
    } else if (
      entry.isFile() &&
      (KEEP_ALWAYS.test(entry.name) || !SKIP_FILE.some((re) => re.test(entry.name)))
    ) {
      out.push(path);
    }
  }
  return out;
}

/**
 * libheif-js's WebAssembly build (libheif + libde265, LGPL-3.0), as separate
 * replaceable files like sharp's libvips, never bundled: the loader
 * (`packages/imaging/src/heic/libheif.ts`) resolves `libheif-js/libheif-wasm/libheif.js`
 * and reads `libheif.wasm` beside it. Platform-independent, so taken from the
 * repository's own install. Only these files: the package's other entries
 * inline the 1.4 MB wasm into JavaScript.
 * @param {string} nodeModules path to a node_modules folder holding libheif-js
 * @returns {Promise<Array<{ path: string, file: string, executable: boolean }>>} zip path, source file, mode
 */
export async function libheifRuntimeFiles(nodeModules) {
  const root = join(nodeModules, 'libheif-js');
  if (!(await readManifest(root))) throw new Error(`libheif-js is not installed in ${nodeModules}`);
  return LIBHEIF_FILES.map((rel) => ({
    path: `node_modules/libheif-js/${rel}`,
    file: join(root, ...rel.split('/')),
    executable: false,
  }));
}

const LIBHEIF_FILES = [
  'LICENSE',
  'package.json',
  'libheif-wasm/LICENSE',
  'libheif-wasm/libheif.js',
  'libheif-wasm/libheif.wasm',
];
