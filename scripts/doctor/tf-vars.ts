/**
 * The values Terraform will use for a few scalar variables of an env
 * (terraform/envs/aws), read from the same places Terraform reads them.
 *
 * Why a small parser and not `terraform console`: console needs an
 * initialised working directory (providers, modules and, with
 * TF_BACKEND_CONFIG, the S3 backend, which needs working credentials) and
 * fails outright while a required variable such as mail_from has no value;
 * the doctor must run first and explain exactly those problems. The doctor
 * only needs a few scalars (strings, bools), which tfvars files write as
 * `key = value` lines, so reading them directly is fast, offline and robust.
 * A value it cannot read as a scalar (a heredoc, an expression) is reported
 * as such rather than guessed.
 *
 * Precedence, lowest first, as Terraform documents it: the variable's
 * default, TF_VAR_<name>, terraform.tfvars, terraform.tfvars.json, then
 * *.auto.tfvars / *.auto.tfvars.json in lexical order of file name.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A variable's value and where it came from. */
export interface TfVar {
  /** The value: a string, boolean or number; `undefined` when no source sets it. */
  value: string | boolean | number | undefined;
  /** `default`, `TF_VAR_x`, or the file name that set it; `undefined` when unset. */
  source: string | undefined;
  /** Set when a source assigns it something that is not a plain scalar. */
  unreadable?: string;
}

type Scalar = string | boolean | number;

/** Parses one HCL scalar literal (`"text"`, `true`, `42`, `null`); `undefined` when it is anything else. */
export function parseScalar(raw: string): Scalar | null | undefined {
  const text = raw.trim();
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const quoted = /^"((?:[^"\\$%]|\\.)*)"$/.exec(text);
  if (quoted) return JSON.parse(`"${quoted[1]}"`) as string;
  return undefined;
}

/** Strips a trailing `#` or `//` comment that is outside a string. */
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\' && inString) i++;
    else if (char === '"') inString = !inString;
    else if (!inString && (char === '#' || (char === '/' && line[i + 1] === '/'))) return line.slice(0, i);
  }
  return line;
}

/**
 * Top-level `name = value` assignments of a .tfvars file. Values that are not
 * scalars on one line map to the raw text so the caller can say so.
 */
export function parseTfvars(text: string): Map<string, { value?: Scalar | null; raw: string }> {
  const result = new Map<string, { value?: Scalar | null; raw: string }>();
  let depth = 0;
  for (const rawLine of text.replace(/\/\*[\s\S]*?\*\//g, '').split('\n')) {
    const line = stripComment(rawLine).trim();
    if (!line) continue;
    const match = depth === 0 ? /^([A-Za-z_][\w-]*)\s*=\s*(.*)$/.exec(line) : null;
    if (match) {
      const raw = match[2] ?? '';
      const value = parseScalar(raw);
      result.set(match[1] as string, value === undefined ? { raw } : { value, raw });
    }
    // Track nesting so keys inside maps and objects are not read as variables.
    depth += (line.match(/[[{(]/g) ?? []).length - (line.match(/[\]})]/g) ?? []).length;
    if (depth < 0) depth = 0;
  }
  return result;
}

/** The `default` of `variable "<name>"` in the env's .tf files (scalar defaults only). */
export function variableDefault(envDir: string, name: string): Scalar | null | undefined {
  for (const file of readdirSync(envDir)
    .filter((f) => f.endsWith('.tf'))
    .sort()) {
    const text = readFileSync(path.join(envDir, file), 'utf8');
    const start = text.indexOf(`variable "${name}"`);
    if (start < 0) continue;
    // The block ends at the next top-level `variable`/`output`/... keyword, good enough for a default.
    const rest = text.slice(start + 1);
    const end = rest.search(/\n(variable|output|locals|module|resource|data)\s/);
    const block = end < 0 ? rest : rest.slice(0, end);
    const match = /^\s*default\s*=\s*(.+)$/m.exec(block);
    return match ? parseScalar(stripComment(match[1] as string)) : undefined;
  }
  return undefined;
}

/** The tfvars files Terraform loads on its own from `envDir`, in the order it applies them. */
export function autoVarFiles(envDir: string): string[] {
  const files = existsSync(envDir) ? readdirSync(envDir) : [];
  const auto = files.filter((f) => f.endsWith('.auto.tfvars') || f.endsWith('.auto.tfvars.json')).sort();
  return [...['terraform.tfvars', 'terraform.tfvars.json'].filter((f) => files.includes(f)), ...auto];
}

/**
 * Resolves variables of the env the way `terraform plan` would (without -var
 * or -var-file, which `make deploy` does not pass).
 * @param env environment holding TF_VAR_* (default process.env)
 */
export function readTfVars(
  envDir: string,
  names: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Record<string, TfVar> {
  const result: Record<string, TfVar> = {};
  for (const name of names) {
    const fallback = variableDefault(envDir, name);
    result[name] =
      fallback === undefined || fallback === null
        ? { value: undefined, source: undefined }
        : { value: fallback, source: 'default' };
    const fromEnv = env[`TF_VAR_${name}`];
    if (fromEnv !== undefined) {
      // Terraform reads TF_VAR_ strings literally, bools and numbers as HCL.
      const parsed = parseScalar(fromEnv);
      const value = typeof parsed === 'boolean' || typeof parsed === 'number' ? parsed : fromEnv;
      result[name] = { value, source: `TF_VAR_${name}` };
    }
  }
  for (const file of autoVarFiles(envDir)) {
    const text = readFileSync(path.join(envDir, file), 'utf8');
    const assignments = file.endsWith('.json')
      ? new Map(
          Object.entries(JSON.parse(text) as Record<string, unknown>).map(([k, v]) => [
            k,
            typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number' || v === null
              ? { value: v, raw: JSON.stringify(v) }
              : { raw: JSON.stringify(v) },
          ]),
        )
      : parseTfvars(text);
    for (const name of names) {
      const found = assignments.get(name);
      if (!found) continue;
      if (!('value' in found)) result[name] = { value: undefined, source: file, unreadable: found.raw };
      else if (found.value === null) result[name] = { value: undefined, source: file };
      else result[name] = { value: found.value as Scalar, source: file };
    }
  }
  return result;
}
