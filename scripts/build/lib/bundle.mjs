// esbuild settings for a Lambda handler: one ESM file for Node 22, sharp left external.
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

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
 * @returns {Promise<{ outfile: string, bytes: number, externals: string[] }>} externals: packages left to run time
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
    // sharp loads a native addon and libvips at run time; the zip ships it beside the bundle.
    external: ['sharp'],
    banner: { js: REQUIRE_BANNER },
    legalComments: 'none',
    charset: 'utf8',
    metafile: true,
    logLevel: 'warning',
  });
  const output = result.metafile.outputs[relativeOutput(dir, outfile)];
  const externals = [...new Set((output?.imports ?? []).filter((i) => i.external).map((i) => i.path))];
  return {
    outfile,
    bytes: output?.bytes ?? 0,
    externals: externals.filter((path) => !isBuiltin(path)).sort(),
  };
}

function relativeOutput(dir, outfile) {
  return outfile
    .slice(dir.length + 1)
    .split('\\')
    .join('/');
}
