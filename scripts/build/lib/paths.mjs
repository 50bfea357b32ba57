// Where things are: the repository root, a function folder and its manifest.
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, found from this file's location (scripts/build/lib), so it never depends on cwd. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Resolves the function folder to work on: the first CLI argument when given,
 * else the current directory (turbo runs each workspace script with cwd = the workspace).
 * @param {string[]} argv process.argv
 * @returns {string} absolute path
 */
export function functionDirFromArgs(argv) {
  return resolve(argv[2] ?? process.cwd());
}

/**
 * Reads `<dir>/function.json` and checks the fields the build needs.
 * @param {string} dir function folder
 * @returns {Promise<{ name: string, sharp: boolean, heic: boolean, manifest: Record<string, unknown> }>}
 */
export async function readFunction(dir) {
  const file = join(dir, 'function.json');
  let manifest;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error.message}`, { cause: error });
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new Error(`${file}: must hold a JSON object`);
  }
  if (manifest.sharp !== undefined && typeof manifest.sharp !== 'boolean') {
    throw new Error(`${file}: "sharp" must be true or false, got ${JSON.stringify(manifest.sharp)}`);
  }
  if (manifest.heic !== undefined && typeof manifest.heic !== 'boolean') {
    throw new Error(`${file}: "heic" must be true or false, got ${JSON.stringify(manifest.heic)}`);
  }
  return { name: basename(dir), sharp: manifest.sharp === true, heic: manifest.heic === true, manifest };
}
