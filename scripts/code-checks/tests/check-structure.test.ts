import { afterEach, describe, expect, it } from 'vitest';
import { checkStructure, formatReport, isClean } from '../src/check-structure.ts';
import { type FixtureTree, functionOfLines, linesOfText, writeFixtureTree } from './fixture-tree.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const remove of cleanups.splice(0)) remove();
});

function checkTree(tree: FixtureTree) {
  const { root, remove } = writeFixtureTree(tree);
  cleanups.push(remove);
  return checkStructure(root);
}

describe('checkStructure', () => {
  it('passes a tree within the limits and says how much it read', async () => {
    const report = await checkTree({
      files: { 'src/a.ts': linesOfText(300), 'src/b.ts': functionOfLines('fits', 80) },
    });
    expect(isClean(report)).toBe(true);
    expect(formatReport(report)).toEqual(['files 0, functions 0, cycles 0 (2 source files checked)']);
  });

  it('reports a file over 300 lines and a function over 80, tests included', async () => {
    const report = await checkTree({
      files: {
        'src/long.ts': linesOfText(301),
        'tests/long-function.test.ts': `// a test file\n${functionOfLines('arrange', 81)}`,
      },
    });
    expect(isClean(report)).toBe(false);
    expect(formatReport(report)).toEqual([
      'file over 300 lines: src/long.ts (301)',
      'function over 80 lines: tests/long-function.test.ts:2 arrange (81)',
      'files 1, functions 1, cycles 0 (2 source files checked)',
    ]);
  });

  it('leaves out installs, build output, local state and declaration files', async () => {
    const long = linesOfText(400);
    const report = await checkTree({
      files: {
        'node_modules/x/index.ts': long,
        'web/dist/app.ts': long,
        '.local/state.ts': long,
        'bench/tmp/run.ts': long,
        'src/types.d.ts': long,
        'src/ok.ts': 'export const ok = 1;\n',
      },
    });
    expect(formatReport(report)).toEqual(['files 0, functions 0, cycles 0 (1 source files checked)']);
  });

  it('finds a cycle of relative imports, type-only imports included, and reports it once', async () => {
    const report = await checkTree({
      files: {
        'src/report.ts':
          "import type { Target } from './targets.ts';\nexport type Row = { target: Target };\n",
        'src/targets.ts': "import type { Row } from './report.ts';\nexport type Target = { rows: Row[] };\n",
        'src/main.ts': "import type { Row } from './report';\nexport const rows: Row[] = [];\n",
      },
    });
    expect(report.cycles).toEqual([['src/report.ts', 'src/targets.ts']]);
    expect(formatReport(report)).toContain('import cycle: src/report.ts -> src/targets.ts -> src/report.ts');
  });

  it('follows workspace package imports through the package exports to its sources', async () => {
    const report = await checkTree({
      files: {
        'packages/a/package.json': JSON.stringify({ name: '@fx/a', exports: { '.': './src/index.ts' } }),
        'packages/a/src/index.ts': "export { b } from '@fx/b';\nexport const a = 1;\n",
        'packages/b/package.json': JSON.stringify({ name: '@fx/b', exports: { '.': './src/index.ts' } }),
        'packages/b/src/index.ts': "import { a } from '@fx/a';\nexport const b = a + 1;\n",
      },
      links: { 'node_modules/@fx/a': 'packages/a', 'node_modules/@fx/b': 'packages/b' },
    });
    expect(report.cycles).toEqual([['packages/a/src/index.ts', 'packages/b/src/index.ts']]);
  });

  it('does not call a one-way import chain a cycle', async () => {
    const report = await checkTree({
      files: {
        'src/a.ts': "import { b } from './b.ts';\nexport const a = b;\n",
        'src/b.ts': "import { c } from './c.ts';\nexport const b = c;\n",
        'src/c.ts': 'export const c = 1;\n',
      },
    });
    expect(report.cycles).toEqual([]);
  });
});
