/**
 * The structure check of issue 13's acceptance: every TypeScript source file of the repository
 * (tests and configs too) under 300 lines, every function under 80, and no import cycle.
 * Prints one line per violation and a summary (`files N, functions M, cycles K`), and exits 1 on any.
 *
 *   npm run check -w @pipeline/code-checks
 *   npx tsx scripts/code-checks/src/check-structure.ts [root]     (root defaults to the repository)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findCycles } from './cycles.ts';
import { countLines, measureFunctions } from './lengths.ts';
import { limits } from './limits.ts';
import { listSourceFiles } from './source-files.ts';

/** What the structure check found under one root. */
export type StructureReport = {
  /** How many source files were read. */
  checked: number;
  longFiles: { file: string; lines: number }[];
  longFunctions: { file: string; name: string; line: number; lines: number }[];
  cycles: string[][];
};

/** Measures every TypeScript source file under `root` against {@link limits} and looks for import cycles. */
export async function checkStructure(root: string): Promise<StructureReport> {
  const files = listSourceFiles(root);
  const report: StructureReport = { checked: files.length, longFiles: [], longFunctions: [], cycles: [] };
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const lines = countLines(text);
    if (lines > limits.fileLines) report.longFiles.push({ file, lines });
    for (const fn of measureFunctions(file, text)) {
      if (fn.lines > limits.functionLines) report.longFunctions.push({ file, ...fn });
    }
  }
  report.cycles = await findCycles(root, files);
  return report;
}

/** The report as printed: one line per violation, then the one-line summary. */
export function formatReport(report: StructureReport): string[] {
  return [
    ...report.longFiles.map(({ file, lines }) => `file over ${limits.fileLines} lines: ${file} (${lines})`),
    ...report.longFunctions.map(
      ({ file, name, line, lines }) =>
        `function over ${limits.functionLines} lines: ${file}:${line} ${name} (${lines})`,
    ),
    ...report.cycles.map((loop) => `import cycle: ${[...loop, loop[0]].join(' -> ')}`),
    `files ${report.longFiles.length}, functions ${report.longFunctions.length}, cycles ${report.cycles.length}` +
      ` (${report.checked} source files checked)`,
  ];
}

/** True when nothing is over a limit and no import goes in a circle. */
export function isClean(report: StructureReport): boolean {
  return report.longFiles.length + report.longFunctions.length + report.cycles.length === 0;
}

async function main(): Promise<void> {
  const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..', '..'));
  const report = await checkStructure(root);
  for (const line of formatReport(report)) console.log(line);
  process.exitCode = isClean(report) ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
