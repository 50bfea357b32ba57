import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Folders that hold no hand-written source: installs, build output, caches, local state and
 * benchmark or test output. Matched by folder name anywhere in the tree.
 */
const skippedFolders = new Set([
  'node_modules',
  'dist',
  'coverage',
  'test-results',
  '.git',
  '.turbo',
  '.cache',
  '.local',
  '.venv',
  '.terraform',
]);

/** Top-level folders of generated output (the benchmark writes its results and scratch files under bench/). */
const skippedTopFolders = new Set(['bench']);

const sourceFile = /\.(ts|tsx|mts|cts)$/;
const declarationFile = /\.d\.(ts|mts|cts)$/;

/**
 * Every TypeScript source file under `root` (tests and configs included: they are source too), as
 * paths relative to `root` with forward slashes, sorted. Declaration files and skipped folders are left out.
 */
export function listSourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(root, path).split(sep).join('/');
      if (entry.isDirectory()) {
        if (skippedFolders.has(entry.name) || (dir === root && skippedTopFolders.has(entry.name))) continue;
        walk(path);
      } else if (entry.isFile() && sourceFile.test(entry.name) && !declarationFile.test(entry.name)) {
        found.push(rel);
      }
    }
  };
  walk(root);
  return found.sort();
}
