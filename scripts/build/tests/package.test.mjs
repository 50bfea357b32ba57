import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../lib/paths.mjs';
import { sharpRuntimeFiles } from '../lib/runtime-files.mjs';
import { installedSharpVersion } from '../lib/sharp-runtime.mjs';
import { centralDirectory, makeTempRoot, runScript, sha256, writeFunction } from './helpers.mjs';

const run = promisify(execFile);

// Also when run without scripts/build/vitest.config.mjs: packaging sharp takes seconds, installing it longer,
// and minutes on a loaded machine. Only a guard against a hang, as in the config.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

const PLAIN_HANDLER = {
  'handler.ts': [
    "import { createHash } from 'node:crypto';",
    "import { greet } from './greet';",
    'export const handler = async (event: { name: string }) =>',
    "  ({ greeting: greet(event.name), digest: createHash('sha256').update(event.name).digest('hex').slice(0, 8) });",
  ].join('\n'),
  'greet.ts': "export const greet = (name: string): string => 'hello ' + name;\n",
};

const SHARP_HANDLER = {
  'handler.ts': [
    "import sharp from 'sharp';",
    'export const handler = async () => {',
    "  const png = await sharp({ create: { width: 8, height: 4, channels: 3, background: 'red' } }).png().toBuffer();",
    '  const { width, height, format } = await sharp(png).metadata();',
    '  return { width, height, format };',
    '};',
  ].join('\n'),
};

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;

let root;
let plainDir;
let sharpDir;
let version;

beforeAll(async () => {
  root = await makeTempRoot();
  plainDir = await writeFunction(root, 'plain', { sharp: false, files: PLAIN_HANDLER });
  sharpDir = await writeFunction(root, 'imaging', { sharp: true, files: SHARP_HANDLER });
  version = await installedSharpVersion();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function buildAndPackage(dir, options) {
  await rm(join(dir, 'dist'), { recursive: true, force: true });
  await runScript('build-function.mjs', dir, options);
  await runScript('package-function.mjs', dir, options);
}

describe('build-function.mjs', () => {
  it('bundles src/handler.ts into a runnable ESM file with a linked, relative source map', async () => {
    await runScript('build-function.mjs', plainDir);

    const bundle = await readFile(join(plainDir, 'dist', 'index.mjs'), 'utf8');
    const map = JSON.parse(await readFile(join(plainDir, 'dist', 'index.mjs.map'), 'utf8'));
    const { handler } = await import(join(plainDir, 'dist', 'index.mjs'));
    expect(bundle).toMatch(/^import\{createRequire as \w+\}from'node:module';const require=/);
    expect(bundle.trimEnd()).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map$/);
    expect([...map.sources].sort()).toEqual(['../src/greet.ts', '../src/handler.ts']);
    expect(map.sourcesContent).toBeUndefined();
    await expect(handler({ name: 'ada' })).resolves.toEqual({
      greeting: 'hello ada',
      digest: expect.any(String),
    });
  });

  it("bundles sharp's JavaScript and leaves only its native platform packages to run time", async () => {
    await runScript('build-function.mjs', sharpDir);

    const bundle = await readFile(join(sharpDir, 'dist', 'index.mjs'), 'utf8');
    const map = JSON.parse(await readFile(join(sharpDir, 'dist', 'index.mjs.map'), 'utf8'));
    expect(bundle).not.toMatch(/from"sharp"|require\("sharp"\)/);
    expect(bundle).toContain('"@img/sharp-linux-arm64/sharp.node"');
    expect(map.sources.some((source) => source.includes('node_modules/sharp/dist/'))).toBe(true);
    expect(map.sources.some((source) => source.includes('node_modules/semver/'))).toBe(true);
  });

  it('refuses a handler that imports sharp when function.json does not ship it', async () => {
    const dir = await writeFunction(root, 'forgot-sharp', { sharp: false, files: SHARP_HANDLER });

    await expect(runScript('build-function.mjs', dir)).rejects.toMatchObject({
      stderr: expect.stringContaining('"sharp": true'),
    });
  });

  it('fails with the manifest path when function.json is missing', async () => {
    const dir = join(root, 'no-manifest');
    await mkdir(dir, { recursive: true });

    await expect(runScript('build-function.mjs', dir)).rejects.toMatchObject({
      stderr: expect.stringContaining(join(dir, 'function.json')),
    });
  });
});

describe('package-function.mjs', () => {
  it('packages the same sources into the same bytes, by argument or from cwd', async () => {
    await buildAndPackage(plainDir);
    const first = await sha256(join(plainDir, 'dist', 'plain.zip'));

    await buildAndPackage(plainDir, { viaCwd: true });

    expect(await sha256(join(plainDir, 'dist', 'plain.zip'))).toBe(first);
  });

  it('zips only the bundle and its map for a function without sharp', async () => {
    await buildAndPackage(plainDir);

    const entries = centralDirectory(await readFile(join(plainDir, 'dist', 'plain.zip')));

    expect(entries.map((e) => e.path)).toEqual(['index.mjs', 'index.mjs.map']);
  });

  it('packages a sharp function deterministically', async () => {
    await buildAndPackage(sharpDir);
    const first = await sha256(join(sharpDir, 'dist', 'imaging.zip'));

    await buildAndPackage(sharpDir, { viaCwd: true });

    expect(await sha256(join(sharpDir, 'dist', 'imaging.zip'))).toBe(first);
  });

  it("ships sharp's linux-arm64 glibc binaries, none for other platforms and none of its JavaScript", async () => {
    await buildAndPackage(sharpDir);

    const paths = centralDirectory(await readFile(join(sharpDir, 'dist', 'imaging.zip'))).map((e) => e.path);

    expect(paths).toEqual(
      expect.arrayContaining([
        'index.mjs',
        'index.mjs.map',
        `node_modules/@img/sharp-linux-arm64/lib/sharp-linux-arm64-${version}.node`,
        'node_modules/@img/sharp-linux-arm64/index.cjs',
        'node_modules/@img/sharp-linux-arm64/package.json',
        'node_modules/@img/sharp-libvips-linux-arm64/package.json',
      ]),
    );
    // Bundled into index.mjs, so not shipped again.
    expect(paths.filter((p) => /^node_modules\/(sharp|semver|detect-libc|@img\/colour)\//.test(p))).toEqual(
      [],
    );
    expect(
      paths.some((p) => /^node_modules\/@img\/sharp-libvips-linux-arm64\/lib\/libvips-cpp\.so/.test(p)),
    ).toBe(true);
    expect(paths.filter((p) => /linux-x64|darwin|win32|musl|wasm/.test(p))).toEqual([]);
    expect(paths.filter((p) => /\.d\.[cm]?ts$|\.md$|\/include\//i.test(p))).toEqual([]);
  });

  it('writes sorted entries with fixed 1980-01-01 timestamps and Unix modes', async () => {
    await buildAndPackage(sharpDir);

    const entries = centralDirectory(await readFile(join(sharpDir, 'dist', 'imaging.zip')));

    const paths = entries.map((e) => e.path);
    expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : 1)));
    for (const entry of entries) {
      expect(entry).toMatchObject({ os: 3, dosDate: DOS_DATE_1980_01_01, dosTime: 0 });
      expect([0o100644, 0o100755]).toContain(entry.mode);
    }
  });

  it('fails when the function has not been built', async () => {
    const dir = await writeFunction(root, 'unbuilt', { sharp: false, files: PLAIN_HANDLER });

    await expect(runScript('package-function.mjs', dir)).rejects.toMatchObject({
      stderr: expect.stringContaining('run the build first'),
    });
  });
});

describe('sharpRuntimeFiles', () => {
  it('selects enough of an installed sharp to load and run it (checked with this machine’s binaries)', async () => {
    const dir = join(root, 'extracted');
    await runScript('build-function.mjs', sharpDir);
    const files = await sharpRuntimeFiles(join(repoRoot, 'node_modules'));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.mjs'), await readFile(join(sharpDir, 'dist', 'index.mjs')));
    for (const { path, file } of files) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), await readFile(file));
    }

    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        'const { handler } = await import("./index.mjs"); console.log(JSON.stringify(await handler()));',
      ],
      { cwd: dir },
    );

    expect(JSON.parse(stdout)).toEqual({ width: 8, height: 4, format: 'png' });
  });
});
