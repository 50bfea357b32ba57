/**
 * The function manifests (functions/<name>/function.json, docs/internals.md)
 * as far as the security checks read them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What the checks read of a function.json. */
export interface Manifest {
  trigger?: { queue?: unknown; schedule?: unknown; http?: unknown };
  reservedConcurrency?: number;
  permissions?: string[];
}

/** Every manifest under `functionsDir`, by function folder name. */
export function readManifests(functionsDir: string): Record<string, Manifest> {
  const manifests: Record<string, Manifest> = {};
  for (const name of readdirSync(functionsDir).sort()) {
    const file = path.join(functionsDir, name, 'function.json');
    if (existsSync(file)) manifests[name] = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  }
  return manifests;
}

/**
 * The manifest key of a deployed function: its name without the stack's
 * name_prefix (the pipeline module names every function `<prefix><folder>`).
 */
export function manifestKey(functionName: string, namePrefix: string): string {
  return functionName.startsWith(namePrefix) ? functionName.slice(namePrefix.length) : functionName;
}
