import { describe, expect, it } from 'vitest';
import { countLines, measureFunctions } from '../src/lengths.ts';
import { functionOfLines } from './fixture-tree.ts';

describe('countLines', () => {
  it('counts lines, not newlines, whether or not the file ends with one', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\nb\n')).toBe(2);
    expect(countLines('a\nb')).toBe(2);
  });
});

describe('measureFunctions', () => {
  it('measures a function declaration from its first line to its closing brace', () => {
    expect(measureFunctions('a.ts', `\n${functionOfLines('run', 81)}`)).toEqual([
      { name: 'run', line: 2, lines: 81 },
    ]);
  });

  it('names arrow functions, function expressions and methods after what holds them', () => {
    const text = [
      'const arrow = () => {',
      '};',
      'const expr = function () {};',
      'const handlers = { onClick: () => 1 };',
      'class Store {',
      '  constructor() {}',
      '  save(): void {}',
      '  get size(): number { return 0; }',
      '}',
    ].join('\n');
    expect(measureFunctions('a.ts', text).map(({ name, lines }) => [name, lines])).toEqual([
      ['arrow', 2],
      ['expr', 1],
      ['onClick', 1],
      ['Store.constructor', 1],
      ['Store.save', 1],
      ['Store.size', 1],
    ]);
  });

  it('names a callback after the call it is passed to, test suites included', () => {
    const text = "describe('uploads', () => {\n  it('works', async () => {\n  });\n});\n[1].map((n) => n);\n";
    expect(measureFunctions('a.test.ts', text)).toEqual([
      { name: "describe('uploads') callback", line: 1, lines: 4 },
      { name: "it('works') callback", line: 2, lines: 2 },
      { name: '[1].map callback', line: 5, lines: 1 },
    ]);
  });

  it('measures nested functions on their own as well as inside their parent', () => {
    const text = 'function outer() {\n  function inner() {\n  }\n}\n';
    expect(measureFunctions('a.ts', text)).toEqual([
      { name: 'outer', line: 1, lines: 4 },
      { name: 'inner', line: 2, lines: 2 },
    ]);
  });

  it('skips overload signatures and declarations without a body', () => {
    const text =
      'export function f(a: string): string;\nexport function f(a: unknown) { return a; }\ninterface I { m(): void }\n';
    expect(measureFunctions('a.ts', text)).toEqual([{ name: 'f', line: 2, lines: 1 }]);
  });

  it('reads TSX', () => {
    expect(measureFunctions('a.tsx', 'export const View = () => <div>\n</div>;\n')).toEqual([
      { name: 'View', line: 1, lines: 2 },
    ]);
  });
});
