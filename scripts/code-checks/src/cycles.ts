import { cruise, type ICruiseResult } from 'dependency-cruiser';

/**
 * Import cycles among `files` (paths relative to `root`), each as the list of files around the loop.
 * dependency-cruiser resolves relative imports and workspace package imports (through the package's
 * `exports` to its TypeScript source) and counts type-only imports, since a type in the wrong file
 * is the usual cause of a cycle.
 */
export async function findCycles(root: string, files: string[]): Promise<string[][]> {
  if (files.length === 0) return [];
  const { output } = await cruise(
    files,
    {
      baseDir: root,
      validate: true,
      ruleSet: { forbidden: [{ name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } }] },
      doNotFollow: { path: '(^|/)node_modules/' },
      exclude: { path: '(^|/)(node_modules|dist|\\.local)/' },
      tsPreCompilationDeps: true,
      combinedDependencies: true,
    },
    {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.json'],
      extensionAlias: { '.js': ['.ts', '.js'], '.mjs': ['.mts', '.mjs'] },
    },
  );
  return distinctCycles(output as ICruiseResult);
}

/** One entry per loop, starting at its alphabetically first file, whichever edge reported it. */
function distinctCycles(result: ICruiseResult): string[][] {
  const seen = new Map<string, string[]>();
  for (const violation of result.summary.violations) {
    if (violation.cycle === undefined) continue;
    const loop = [violation.from, ...violation.cycle.map((step) => step.name)];
    if (loop.at(-1) === loop[0]) loop.pop();
    const first = loop.indexOf([...loop].sort()[0] as string);
    const canonical = [...loop.slice(first), ...loop.slice(0, first)];
    seen.set(canonical.join(' '), canonical);
  }
  return [...seen.values()].sort((a, b) => a.join(' ').localeCompare(b.join(' ')));
}
