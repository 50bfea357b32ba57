/**
 * Where things live for the local scripts, and which tool binaries
 * scripts/ensure-tools.sh chose (recorded in .local/tools.env).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Git-ignored working directory for local state, logs and env snippets. */
export const LOCAL_DIR = path.join(REPO_ROOT, '.local');

/** KEY=value pairs from .local/tools.env (empty when ensure-tools has not run). */
export function recordedTools(): Record<string, string> {
  const file = path.join(LOCAL_DIR, 'tools.env');
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.match(/^([A-Z_]+)=(.*)$/))
      .flatMap((match) => (match ? [[match[1], match[2]]] : [])),
  );
}

/**
 * The moto_server binary: MOTO_SERVER, else ensure-tools' choice, else the
 * project .venv, else `moto_server` from PATH.
 */
export function motoServerBinary(): string {
  const venv = path.join(REPO_ROOT, '.venv', 'bin', 'moto_server');
  return process.env.MOTO_SERVER || recordedTools().MOTO_SERVER || (existsSync(venv) ? venv : 'moto_server');
}

/** The aws CLI: ensure-tools' choice, else `aws` from PATH. */
export function awsCliBinary(): string {
  return recordedTools().AWS_CLI || 'aws';
}
