// Test helpers: throwaway function folders, running the scripts, reading a ZIP's central directory.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const scriptsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A fresh temp dir to hold function folders. */
export function makeTempRoot() {
  return mkdtemp(join(tmpdir(), 'build-scripts-test-'));
}

/**
 * Writes `<root>/<name>/{function.json, src/*.ts}`.
 * @param {string} root
 * @param {string} name
 * @param {{ sharp: boolean, heic?: boolean, files: Record<string, string> }} spec files relative to src/
 */
export async function writeFunction(root, name, { sharp, heic, files }) {
  const dir = join(root, name);
  await mkdir(join(dir, 'src'), { recursive: true });
  const manifest = { description: `test function ${name}`, memoryMb: 128, timeoutSeconds: 3, sharp, heic };
  await writeFile(join(dir, 'function.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, 'src', file), text);
  return dir;
}

/**
 * Runs build-function.mjs or package-function.mjs for `dir`, either by argument or, like turbo, as cwd.
 * @returns {Promise<string>} stdout
 */
export async function runScript(script, dir, { viaCwd = false } = {}) {
  const args = [join(scriptsDir, script), ...(viaCwd ? [] : [dir])];
  const { stdout } = await run(process.execPath, args, { cwd: viaCwd ? dir : scriptsDir });
  return stdout;
}

export async function sha256(file) {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/**
 * Reads a ZIP's central directory.
 * @param {Uint8Array} zip
 * @returns {{ path: string, os: number, mode: number, dosDate: number, dosTime: number }[]}
 */
export function centralDirectory(zip) {
  const view = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory record');
  const count = view.readUInt16LE(eocd + 10);
  let offset = view.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (view.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central header at ${offset}`);
    const nameLength = view.readUInt16LE(offset + 28);
    const extraLength = view.readUInt16LE(offset + 30);
    const commentLength = view.readUInt16LE(offset + 32);
    entries.push({
      path: view.toString('utf8', offset + 46, offset + 46 + nameLength),
      os: view[offset + 5],
      mode: view.readUInt32LE(offset + 38) >>> 16,
      dosTime: view.readUInt16LE(offset + 12),
      dosDate: view.readUInt16LE(offset + 14),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
