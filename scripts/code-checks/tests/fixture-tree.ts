import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway source tree: `files` maps relative paths to contents; `links` maps link paths to their targets. */
export type FixtureTree = { files: Record<string, string>; links?: Record<string, string> };

/** Writes the tree to a fresh temporary folder and returns it with a cleanup that removes it. */
export function writeFixtureTree(tree: FixtureTree): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'code-checks-'));
  for (const [path, text] of Object.entries(tree.files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  for (const [path, target] of Object.entries(tree.links ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(join(root, target), join(root, path), 'dir');
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A function of exactly `lines` lines (its declaration line and closing brace included). */
export function functionOfLines(name: string, lines: number): string {
  const body = Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i};`).join('\n');
  return `export function ${name}(): void {\n${body}\n}\n`;
}

/** `count` lines of text with a final newline. */
export function linesOfText(count: number): string {
  return Array.from({ length: count }, (_, i) => `export const c${i} = ${i};\n`).join('');
}
