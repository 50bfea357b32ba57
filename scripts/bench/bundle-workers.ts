/**
 * Bundles the node workers with esbuild (as the functions are bundled), so
 * they run on plain node without tsx in the timed process.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { BENCH_TMP, HERE } from './paths.ts';

/** Paths of the bundled workers. */
export interface Workers {
  rendition: string;
  rss: string;
  features: string;
}

/**
 * Writes bench/tmp/workers/{rendition,rss,features}-worker.mjs.
 * @throws the esbuild error when a worker does not compile.
 */
export async function bundleWorkers(): Promise<Workers> {
  const outdir = path.join(BENCH_TMP, 'workers');
  await build({
    entryPoints: ['rendition-worker', 'rss-worker', 'features-worker'].map((name) =>
      path.join(HERE, 'workers', `${name}.ts`),
    ),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['sharp'],
    logLevel: 'error',
  });
  return {
    rendition: path.join(outdir, 'rendition-worker.mjs'),
    rss: path.join(outdir, 'rss-worker.mjs'),
    features: path.join(outdir, 'features-worker.mjs'),
  };
}
