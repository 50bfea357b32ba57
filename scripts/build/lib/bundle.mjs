// esbuild settings for a Lambda handler: one ESM file for Node 22; only sharp's native addon stays outside.
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './paths.mjs';

/**
 * sharp's JavaScript is bundled like any other dependency; only its platform
 * packages (the `.node` addon and libvips, `@img/sharp-<platform>`) are left
 * to run time, where the zip carries them in node_modules/. Loading sharp from
 * node_modules instead resolved and compiled about 70 files at every cold start
 * (semver alone is 50), which cost ~45 ms of the handler's import (make bench).
 */
const NATIVE_EXTERNALS = ['@img/sharp-*'];
/**
 * libheif-js (libheif + libde265, LGPL-3.0) is loaded from node_modules at run
 * time, never inlined: like libvips, a weak-copyleft library ships as separate
 * files a user can replace. Its loader already requires it at run time through
 * a createRequire of its own; listing it here keeps any static import out too.
 */
const LGPL_EXTERNALS = ['libheif-js', 'libheif-js/*'];
/** The marker of sharp's JavaScript in the metafile's inputs. */
const SHARP_INPUT = /(^|\/)node_modules\/sharp\//;
/** The HEIC loader (packages/imaging/src/heic/libheif.ts) in the metafile's inputs: it needs libheif-js's files. */
const HEIC_INPUT = /(^|\/)imaging\/src\/heic\/libheif\.ts$/;

/**
 * Bundled CJS dependencies call require() for Node built-ins; an ESM bundle
 * has none, so define one. esbuild renames any module-level `require` in
 * bundled ESM code, so this cannot collide.
 */
const REQUIRE_BANNER =
  "import{createRequire as __pipelineCreateRequire}from'node:module';" +
  'const require=__pipelineCreateRequire(import.meta.url);';

/**
 * Bundles `<dir>/src/handler.ts` into `<dir>/dist/index.mjs` and `index.mjs.map`.
 * Output is deterministic: esbuild adds no timestamps, and source map paths
 * are relative to dist/ with no sources content.
 * @param {string} dir function folder
 * @returns {Promise<{ outfile: string, bytes: number, usesSharp: boolean, usesHeic: boolean }>}
 *   usesSharp: the bundle holds sharp, so the zip must carry its native addon;
 *   usesHeic: the bundle holds the HEIC loader, so the zip must carry libheif-js's files
 */
export async function bundleHandler(dir) {
  const outfile = join(dir, 'dist', 'index.mjs');
  const result = await build({
    absWorkingDir: dir,
    entryPoints: [join(dir, 'src', 'handler.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    // ESM entry points of the AWS SDK v3 and Powertools tree-shake better than their CJS builds.
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    external: [...NATIVE_EXTERNALS, ...LGPL_EXTERNALS],
    // Functions are workspaces: their dependencies live in the repository's node_modules.
    nodePaths: [join(repoRoot, 'node_modules')],
    banner: { js: REQUIRE_BANNER },
    legalComments: 'none',
    charset: 'utf8',
    metafile: true,
    logLevel: 'warning',
  });
  const output = result.metafile.outputs[relativeOutput(dir, outfile)];
  return {
    outfile,
    bytes: output?.bytes ?? 0,
    usesSharp: Object.keys(output?.inputs ?? {}).some((input) => SHARP_INPUT.test(input)),
    usesHeic: Object.keys(output?.inputs ?? {}).some((input) => HEIC_INPUT.test(input)),
  };
}

function relativeOutput(dir, outfile) {
  return outfile
    .slice(dir.length + 1)
    .split('\\')
    .join('/');
}
