/**
 * The IAM evaluator (@cloud-copilot/*) is AGPL-3.0: fine as a test-only
 * devDependency, not in anything that ships. Nothing under functions/*\/src
 * or packages/*\/src may import it, no workspace may depend on it, and the
 * root may only list it under devDependencies.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './aws-plan.ts';

const EVALUATOR = '@cloud-copilot/';

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(file);
    return /\.(ts|tsx|js|mjs|cjs|json)$/.test(name) ? [file] : [];
  });
}

function workspaces(): string[] {
  return ['functions', 'packages'].flatMap((root) =>
    readdirSync(path.join(REPO_ROOT, root)).map((name) => path.join(REPO_ROOT, root, name)),
  );
}

describe('the AGPL IAM evaluator stays out of what ships', () => {
  it('is imported by no source of functions/* or packages/*', () => {
    const importing = workspaces()
      .flatMap((ws) => sourceFiles(path.join(ws, 'src')))
      .filter((file) => readFileSync(file, 'utf8').includes(EVALUATOR))
      .map((file) => path.relative(REPO_ROOT, file));
    expect(importing).toEqual([]);
  });

  it('is a dependency of no workspace, and only a devDependency of the root', () => {
    const dependents = workspaces()
      .map((ws) => path.join(ws, 'package.json'))
      .filter((file) => existsSync(file) && readFileSync(file, 'utf8').includes(EVALUATOR))
      .map((file) => path.relative(REPO_ROOT, file));
    expect(dependents).toEqual([]);
    const root = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    expect(Object.keys(root.dependencies ?? {}).filter((name) => name.startsWith(EVALUATOR))).toEqual([]);
    expect(Object.keys(root.devDependencies ?? {})).toContain('@cloud-copilot/iam-simulate');
  });

  it('is in no bundle a function ships (its built dist/, when there is one)', () => {
    const bundled = workspaces()
      .flatMap((ws) => sourceFiles(path.join(ws, 'dist')))
      .filter((file) => readFileSync(file, 'utf8').includes(EVALUATOR))
      .map((file) => path.relative(REPO_ROOT, file));
    expect(bundled).toEqual([]);
  });
});
