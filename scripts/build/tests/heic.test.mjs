import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../lib/paths.mjs';
import { libheifRuntimeFiles } from '../lib/runtime-files.mjs';
import { centralDirectory, makeTempRoot, runScript, writeFunction } from './helpers.mjs';

const run = promisify(execFile);

vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

// The real loader of packages/imaging, so the test proves what resize's zip does.
const HEIC_HANDLER = {
  'handler.ts': [
    `import { loadLibheif } from ${JSON.stringify(join(repoRoot, 'packages/imaging/src/heic/libheif.ts'))};`,
    'export const handler = async () => typeof (await loadLibheif()).heif_context_alloc;',
  ].join('\n'),
};

const LIBHEIF_PATHS = [
  'node_modules/libheif-js/LICENSE',
  'node_modules/libheif-js/libheif-wasm/LICENSE',
  'node_modules/libheif-js/libheif-wasm/libheif.js',
  'node_modules/libheif-js/libheif-wasm/libheif.wasm',
  'node_modules/libheif-js/package.json',
];

let root;

beforeAll(async () => {
  root = await makeTempRoot();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('"heic": true (libheif-js, LGPL-3.0, shipped as separate files)', () => {
  it('refuses a handler that can decode HEIC when function.json does not ship libheif', async () => {
    const dir = await writeFunction(root, 'forgot-heic', { sharp: false, files: HEIC_HANDLER });

    await expect(runScript('build-function.mjs', dir)).rejects.toMatchObject({
      stderr: expect.stringContaining('"heic": true'),
    });
  });

  it('zips libheif.js, libheif.wasm and their licences beside a bundle that does not inline them', async () => {
    const dir = await writeFunction(root, 'heic', { sharp: false, heic: true, files: HEIC_HANDLER });
    await runScript('build-function.mjs', dir);
    await runScript('package-function.mjs', dir);

    const paths = centralDirectory(await readFile(join(dir, 'dist', 'heic.zip'))).map((e) => e.path);
    const bundle = await readFile(join(dir, 'dist', 'index.mjs'));

    expect(paths).toEqual(['index.mjs', 'index.mjs.map', ...LIBHEIF_PATHS]);
    expect(bundle.length).toBeLessThan(20_000);
    expect(bundle.toString('utf8')).toContain('"libheif-js/libheif-wasm/libheif.js"');
  });

  it("loads libheif from the zip's node_modules, whatever the working directory", async () => {
    const dir = await writeFunction(root, 'heic-run', { sharp: false, heic: true, files: HEIC_HANDLER });
    await runScript('build-function.mjs', dir);
    const extracted = join(root, 'heic-extracted');
    await mkdir(extracted, { recursive: true });
    await writeFile(join(extracted, 'index.mjs'), await readFile(join(dir, 'dist', 'index.mjs')));
    for (const { path, file } of await libheifRuntimeFiles(join(repoRoot, 'node_modules'))) {
      await mkdir(dirname(join(extracted, path)), { recursive: true });
      await writeFile(join(extracted, path), await readFile(file));
    }

    const script = `const { handler } = await import(${JSON.stringify(join(extracted, 'index.mjs'))}); console.log(await handler());`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });

    expect(stdout.trim()).toBe('function');
  });
});
