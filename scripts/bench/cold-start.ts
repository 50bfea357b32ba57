/**
 * Section 3: each function's zip and unzipped size, and the time to import
 * its built handler (dist/index.mjs) in a fresh node process: the part of a
 * Lambda cold start that the code controls. Median of runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOCAL_CREDENTIAL_ENV, LOCAL_REGION } from '@pipeline/local-aws/credentials';
import { REPO_ROOT } from './paths.ts';
import { median } from './stats.ts';

export interface FunctionColdStart {
  name: string;
  memoryMb: number;
  sharp: boolean;
  /** Undefined when the zip is not built. */
  zipBytes?: number;
  unzippedBytes?: number;
  /** In-process `await import()` of the handler, ms (median). */
  importMs?: number;
  /** The whole `node -e` process, spawn to exit, ms (median). */
  processMs?: number;
  note?: string;
}

/**
 * Placeholder values for what the handlers read at import: every variable
 * Terraform gives every function (docs/internals.md, "Environment every
 * function receives"); the manifest's own environment is added per function.
 */
const IMPORT_ENV: Record<string, string> = {
  UPLOADS_BUCKET: 'bench-uploads',
  RENDITIONS_BUCKET: 'bench-renditions',
  IMAGES_TABLE: 'bench-images',
  EVENTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:image-events',
  USER_POOL_ID: 'us-east-1_bench',
  USER_POOL_CLIENT_ID: 'bench-client',
  WEB_APP_URL: 'https://app.example.com',
  MODERATORS_GROUP: 'moderators',
  MAIL_FROM: 'no-reply@example.com',
  OPERATIONS_EMAIL: 'ops@example.com',
  NOTIFICATIONS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:image-notifications',
  IDEMPOTENCY_TABLE: 'bench-images-idempotency',
  COUNTERS_TABLE: 'bench-counters',
  POWERTOOLS_METRICS_NAMESPACE: 'ImagePipeline',
  AWS_REGION: LOCAL_REGION,
  ...LOCAL_CREDENTIAL_ENV,
  POWERTOOLS_LOG_LEVEL: 'WARN',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  RENDITIONS_BASE_URL: 'https://renditions.example.com',
};

/**
 * Measures every functions/<name> that has a function.json; the import runs
 * go round robin over the functions, so background load hits each alike.
 */
export function benchColdStart(runs: number): FunctionColdStart[] {
  const root = path.join(REPO_ROOT, 'functions');
  const prepared = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'function.json')))
    .sort()
    .map((name) => prepare(name, path.join(root, name)));
  for (let i = 0; i < runs; i++) {
    for (const { result, run } of prepared) if (run && !result.note) run();
  }
  return prepared.map(({ result, imports, processes }) =>
    result.note ? result : { ...result, importMs: median(imports), processMs: median(processes) },
  );
}

interface Prepared {
  result: FunctionColdStart;
  imports: number[];
  processes: number[];
  /** One timed import in a fresh process; sets `result.note` when it fails. */
  run?: () => void;
}

function prepare(name: string, dir: string): Prepared {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'function.json'), 'utf8')) as {
    memoryMb?: number;
    sharp?: boolean;
    environment?: Record<string, string>;
  };
  const result: FunctionColdStart = {
    name,
    memoryMb: manifest.memoryMb ?? 128,
    sharp: manifest.sharp === true,
  };
  const prepared: Prepared = { result, imports: [], processes: [] };
  const zip = path.join(dir, 'dist', `${name}.zip`);
  const bundle = path.join(dir, 'dist', 'index.mjs');
  if (!existsSync(zip) || !existsSync(bundle)) {
    result.note = 'not built (run `npx turbo run package`)';
    return prepared;
  }
  result.zipBytes = statSync(zip).size;
  result.unzippedBytes = unzippedSize(readFileSync(zip));

  const script = [
    'const started = performance.now();',
    `await import(${JSON.stringify(pathToFileURL(bundle).href)});`,
    'console.log(JSON.stringify({ importMs: performance.now() - started }));',
  ].join('\n');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...IMPORT_ENV,
    ...manifest.environment,
    POWERTOOLS_SERVICE_NAME: name,
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(result.memoryMb),
  };
  prepared.run = () => {
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: path.dirname(bundle),
      env,
      encoding: 'utf8',
    });
    const elapsed = performance.now() - started;
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      result.note = `import failed: ${errorLine(child.stderr) ?? `exit ${child.status}`}`;
      return;
    }
    prepared.imports.push((JSON.parse(line) as { importMs: number }).importMs);
    prepared.processes.push(elapsed);
  };
  return prepared;
}

/** The `Name: message` line of an uncaught error (minified source lines are skipped). */
function errorLine(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .filter((line) => /^[\w$.]+( \[\w+\])?: \S/.test(line) && line.length < 400);
  return lines.pop()?.replace(/\|/g, '\\|');
}

/** Sum of the uncompressed sizes in a zip's central directory. */
export function unzippedSize(zip: Buffer): number {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file: no end of central directory record');
  const entries = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('zip central directory is damaged');
    total += zip.readUInt32LE(offset + 24);
    offset +=
      46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return total;
}
