// sharp and libvips for Lambda (linux-arm64, glibc), installed once per sharp version into <repo>/.cache.
import { execFile } from 'node:child_process';
import { access, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths.mjs';

const run = promisify(execFile);
const TARGET = { os: 'linux', cpu: 'arm64', libc: 'glibc' };
const CACHE_ROOT = join(repoRoot, '.cache', `sharp-${TARGET.os}-${TARGET.cpu}`);
const COMPLETE_MARKER = '.complete';
const LOCK_STALE_MS = 15 * 60 * 1000;
const LOCK_POLL_MS = 250;

/**
 * The exact sharp version the repository resolves, so the zip carries what the tests ran against.
 * Read from the file because sharp's `exports` does not expose package.json.
 * @returns {Promise<string>}
 */
export async function installedSharpVersion() {
  const file = join(repoRoot, 'node_modules', 'sharp', 'package.json');
  const { version } = JSON.parse(await readFile(file, 'utf8'));
  if (!/^\d+\.\d+\.\d+/.test(version ?? '')) throw new Error(`${file}: unexpected version ${version}`);
  return version;
}

/**
 * Returns `<repo>/.cache/sharp-linux-arm64/<version>`, whose node_modules holds
 * sharp and its linux-arm64 glibc binaries, installing it first if needed.
 *
 * Safe when several functions package in parallel (turbo): the install runs
 * under an exclusive lock directory (mkdir is atomic), into a private temp
 * folder that is renamed into place only once complete, so a reader sees
 * either nothing or a finished install.
 * @param {string} version exact sharp version
 * @returns {Promise<string>} the cache folder (contains node_modules/)
 */
export async function ensureSharpRuntime(version) {
  const dir = join(CACHE_ROOT, version);
  if (await isComplete(dir)) return dir;
  await mkdir(CACHE_ROOT, { recursive: true });
  const lock = `${dir}.lock`;
  if (!(await acquireLock(lock, dir))) return dir;
  try {
    if (await isComplete(dir)) return dir;
    const staging = `${dir}.tmp-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await install(staging, version);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    return dir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function install(staging, version) {
  await mkdir(staging, { recursive: true });
  await writeFile(
    join(staging, 'package.json'),
    `${JSON.stringify({ name: 'sharp-lambda-runtime', private: true, description: `sharp ${version} for ${TARGET.os}-${TARGET.cpu}` }, null, 2)}\n`,
  );
  const args = [
    'install',
    '--prefix',
    staging,
    `--os=${TARGET.os}`,
    `--cpu=${TARGET.cpu}`,
    `--libc=${TARGET.libc}`,
    '--omit=dev',
    '--no-save',
    '--no-package-lock',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    `sharp@${version}`,
  ];
  console.log(`installing sharp@${version} for ${TARGET.os}-${TARGET.cpu} (${TARGET.libc}) into ${staging}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    await run(npm, args, { cwd: staging, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`npm ${args.join(' ')} failed:\n${error.stderr || error.message}`, { cause: error });
  }
  const binary = join(staging, 'node_modules', '@img', `sharp-${TARGET.os}-${TARGET.cpu}`, 'package.json');
  if (!(await exists(binary))) {
    throw new Error(
      `npm installed sharp but not @img/sharp-${TARGET.os}-${TARGET.cpu}; is the registry reachable?`,
    );
  }
  await writeFile(join(staging, COMPLETE_MARKER), `${version}\n`);
}

/**
 * Takes the lock, or returns false when another process completed the install while we waited.
 * A lock left by a crashed run is removed once older than LOCK_STALE_MS.
 */
async function acquireLock(lock, dir) {
  for (;;) {
    try {
      await mkdir(lock);
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (await isComplete(dir)) return false;
    const age = await lockAge(lock);
    if (age !== undefined && age > LOCK_STALE_MS) {
      console.warn(`removing stale lock ${lock} (${Math.round(age / 1000)} s old)`);
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    await new Promise((done) => setTimeout(done, LOCK_POLL_MS));
  }
}

async function lockAge(lock) {
  try {
    return Date.now() - (await stat(lock)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function isComplete(dir) {
  return exists(join(dir, COMPLETE_MARKER));
}

async function exists(path) {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
