/**
 * Where a soak run's runtime lines go when nobody watches them live (the
 * e2e tests): a file, truncated first, appended line by line, so a failed
 * run leaves its whole story behind.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Truncates `file` (creating its folder) and returns a function that appends one line to it. */
export function lineLogFile(file: string): (line: string) => void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '');
  return (line) => appendFileSync(file, `${line}\n`);
}
