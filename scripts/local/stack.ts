/**
 * Provisions the local stack: terraform/envs/local applied to moto through
 * scripts/terraform.sh, with its own state file, and the `terraform output`
 * contract of docs/internals.md read back as typed StackOutputs.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { formatDuration, lineSplitter } from './log-format.ts';
import { LOCAL_DIR, REPO_ROOT } from './tools.ts';

/** One entry of the `functions` output. Queue fields are null without a queue trigger. */
export interface FunctionOutputs {
  function_name: string;
  queue_url: string | null;
  dlq_url: string | null;
  batch_size: number | null;
  timeout_seconds: number;
  environment: Record<string, string>;
  /** Optional: Lambda memory (else read from function.json). */
  memory_mb?: number | null;
  /** Optional: handler module to run instead of functions/<name>/dist/index.mjs (tests). */
  handler_path?: string | null;
  /** EventBridge schedule expression (trigger.schedule), null/absent without one. */
  schedule?: string | null;
}

/** The outputs of terraform/envs/local (and envs/aws). */
export interface StackOutputs {
  region: string;
  uploads_bucket: string;
  renditions_bucket: string;
  images_table: string;
  events_topic_arn: string;
  functions: Record<string, FunctionOutputs>;
  /** The HTTP API's URL. Informational locally: the local gateway (api-gateway.ts) serves the API. */
  api_url?: string;
  /** Cognito user pool of the JWT authorizer. */
  user_pool_id?: string;
  /** App client of the web app (no secret; USER_PASSWORD_AUTH allowed locally). */
  user_pool_client_id?: string;
  /** Where Cognito's API answers: moto locally, `https://cognito-idp.<region>.amazonaws.com` on AWS. */
  cognito_endpoint?: string;
  /** The web app's origin; the only origin CORS allows besides ALLOWED_ORIGINS. */
  web_url?: string;
  /** RENDITIONS_BASE_URL: a rendition's URL is `<base>/<rendition key>`. */
  renditions_base_url?: string;
  /** Topic the mailer posts one-line summaries to. */
  notifications_topic_arn?: string;
  /** Powertools Idempotency table. */
  idempotency_table?: string;
  /** Sender of owner emails. */
  mail_from?: string;
  /** Topic the CloudWatch alarms notify. */
  alarm_topic_arn?: string;
  /** The pipeline's CloudWatch dashboard. */
  dashboard_name?: string;
  /** The HTTP API stage's throttle (requests per second, bucket size), which the local gateway applies too. */
  api_throttling?: { rate_limit: number; burst_limit: number };
}

/** Outputs that only stacks with the HTTP API have; strings when present. */
const OPTIONAL_OUTPUTS = [
  'api_url',
  'user_pool_id',
  'user_pool_client_id',
  'cognito_endpoint',
  'web_url',
  'renditions_base_url',
  'notifications_topic_arn',
  'idempotency_table',
  'mail_from',
  'alarm_topic_arn',
  'dashboard_name',
] as const;

export interface ApplyLocalOptions {
  /** moto endpoint the stack is applied to. */
  endpoint: string;
  /** Terraform state file; deleted first, since moto forgets everything on restart. */
  stateFile: string;
  /** Where terraform's output goes (default: next to the state file, `<state>.apply.log`). */
  logFile?: string;
  /** Progress lines (default: stderr; on a TTY one line updated in place, else a line every 15 s). */
  progress?: (line: string, final: boolean) => void;
  /** Give up (and stop terraform) after this long, ms (default 600000). */
  timeoutMs?: number;
  /** Aborting stops terraform (SIGINT, then SIGKILL after 10 s) and rejects. */
  signal?: AbortSignal;
}

export interface ApplyResult {
  outputs: StackOutputs;
  logFile: string;
  durationMs: number;
  /** Resources terraform reported created. */
  resources: number;
}

const ENV_DIR = 'terraform/envs/local';
const TERRAFORM_SH = path.join(REPO_ROOT, 'scripts', 'terraform.sh');

function defaultProgress(): (line: string, final: boolean) => void {
  let printed = Date.now();
  return (line, final) => {
    if (process.stderr.isTTY) {
      process.stderr.write(`\r\u001b[2K${line}${final ? '\n' : ''}`);
    } else if (final || Date.now() - printed >= 15_000) {
      process.stderr.write(`${line}\n`);
      printed = Date.now();
    }
  };
}

function terraformEnv(stateFile: string): NodeJS.ProcessEnv {
  // Test credentials keep a misconfigured provider from ever reaching a real account.
  const { AWS_PROFILE: _profile, AWS_SESSION_TOKEN: _token, ...inherited } = process.env;
  return {
    ...inherited,
    TF_STATE: stateFile,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
}

function tail(file: string, lines = 25): string {
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Checks and narrows `terraform output -json` to StackOutputs.
 * @throws Error naming the first missing or mistyped output.
 */
export function parseStackOutputs(json: unknown): StackOutputs {
  const raw = json as Record<string, { value?: unknown } | undefined>;
  const value = (name: string) => raw?.[name]?.value;
  const out: Record<string, unknown> = {};
  for (const name of ['region', 'uploads_bucket', 'renditions_bucket', 'images_table', 'events_topic_arn']) {
    if (typeof value(name) !== 'string')
      throw new Error(`terraform output: "${name}" is missing or not a string`);
    out[name] = value(name);
  }
  const functions = value('functions');
  if (!functions || typeof functions !== 'object')
    throw new Error('terraform output: "functions" is missing');
  for (const [name, fn] of Object.entries(functions as Record<string, Partial<FunctionOutputs>>)) {
    if (typeof fn?.function_name !== 'string' || typeof fn.timeout_seconds !== 'number') {
      throw new Error(`terraform output: functions.${name} lacks function_name or timeout_seconds`);
    }
    fn.environment ??= {};
  }
  out.functions = functions;
  for (const name of OPTIONAL_OUTPUTS) {
    if (value(name) === undefined || value(name) === null) continue;
    if (typeof value(name) !== 'string') throw new Error(`terraform output: "${name}" is not a string`);
    out[name] = value(name);
  }
  const throttling = value('api_throttling') as { rate_limit?: unknown; burst_limit?: unknown } | null;
  if (throttling !== undefined && throttling !== null) {
    if (typeof throttling.rate_limit !== 'number' || typeof throttling.burst_limit !== 'number')
      throw new Error('terraform output: "api_throttling" lacks rate_limit or burst_limit');
    out.api_throttling = { rate_limit: throttling.rate_limit, burst_limit: throttling.burst_limit };
  }
  return out as unknown as StackOutputs;
}

function run(args: string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void) {
  const child = spawn(TERRAFORM_SH, [ENV_DIR, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const splitter = lineSplitter(onLine);
  child.stdout.on('data', (chunk) => splitter.push(chunk));
  child.stderr.on('data', (chunk) => splitter.push(chunk));
  const exit = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      splitter.flush();
      resolve(code ?? 1);
    });
  });
  return { exit, kill: (signal: NodeJS.Signals) => child.kill(signal) };
}

/**
 * Reads the local stack's outputs from `stateFile`.
 * @throws Error when terraform fails or the outputs break the contract.
 */
export async function readStackOutputs(stateFile: string): Promise<StackOutputs> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(TERRAFORM_SH, [ENV_DIR, 'output', '-json'], {
      cwd: REPO_ROOT,
      env: terraformEnv(stateFile),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => stdout.push(chunk.toString()));
    child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', (exit) => resolve(exit ?? 1));
  });
  if (code !== 0) throw new Error(`terraform output failed (exit ${code}):\n${stderr.join('')}`);
  return parseStackOutputs(JSON.parse(stdout.join('')));
}

/**
 * Applies terraform/envs/local to a fresh moto and returns its outputs, the
 * log file and how long it took.
 * @throws Error with the tail of the log when terraform fails.
 */
export async function applyLocalStack(options: ApplyLocalOptions): Promise<ApplyResult> {
  const { endpoint, stateFile } = options;
  const started = Date.now();
  const logFile = options.logFile ?? `${stateFile.replace(/\.tfstate$/, '')}.apply.log`;
  const progress = options.progress ?? defaultProgress();
  mkdirSync(path.dirname(stateFile), { recursive: true });
  mkdirSync(path.dirname(logFile), { recursive: true });
  rmSync(stateFile, { force: true });
  rmSync(`${stateFile}.backup`, { force: true });

  const log = createWriteStream(logFile);
  const creating = new Set<string>();
  let resources = 0;
  const show = (final = false) => {
    const busy = [...creating];
    const now =
      busy.length > 0 ? ` — creating ${busy[0]}${busy.length > 1 ? ` (+${busy.length - 1})` : ''}` : '';
    progress(
      `terraform apply (${ENV_DIR}): ${resources} created, ${formatDuration(Date.now() - started)}${final ? '' : now}`,
      final,
    );
  };
  const ticker = setInterval(() => show(), 1000);
  const timeoutMs = options.timeoutMs ?? 600_000;
  let timedOut = false;
  let code: number;
  try {
    const terraform = run(
      ['apply', '-auto-approve', '-input=false', '-no-color', `-var=endpoint=${endpoint}`],
      terraformEnv(stateFile),
      (line) => {
        log.write(`${line}\n`);
        const address = /^(\S+): (Creating\.\.\.|Creation complete|Creation errored)/.exec(line);
        if (!address?.[1]) return;
        if (address[2] === 'Creating...') creating.add(address[1]);
        else creating.delete(address[1]);
        if (address[2] === 'Creation complete') resources += 1;
      },
    );
    const interrupt = () => {
      terraform.kill('SIGINT'); // lets terraform write the state it has
      setTimeout(() => terraform.kill('SIGKILL'), 10_000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      interrupt();
    }, timeoutMs);
    options.signal?.addEventListener('abort', interrupt, { once: true });
    code = await terraform.exit.finally(() => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', interrupt);
    });
  } finally {
    clearInterval(ticker);
    await new Promise((resolve) => log.end(resolve));
  }
  const logPath = path.relative(process.cwd(), logFile);
  if (options.signal?.aborted) throw new Error('terraform apply aborted');
  if (timedOut) {
    show(true);
    throw new Error(
      `terraform apply did not finish within ${formatDuration(timeoutMs)}; still creating: ${[...creating].join(', ') || '?'}` +
        ` (log: ${logPath})`,
    );
  }
  if (code !== 0) {
    show(true);
    throw new Error(`terraform apply failed (exit ${code}); log: ${logPath}\n${tail(logFile)}`);
  }
  const outputs = await readStackOutputs(stateFile);
  const durationMs = Date.now() - started;
  progress(
    `terraform apply (${ENV_DIR}): ${resources} resources in ${formatDuration(durationMs)} (log: ${logPath})`,
    true,
  );
  return { outputs, logFile, durationMs, resources };
}

/** applyLocalStack, returning only the outputs. */
export async function applyLocal(options: ApplyLocalOptions): Promise<StackOutputs> {
  return (await applyLocalStack(options)).outputs;
}

/** Default state file of `make dev`. */
export const DEV_STATE_FILE = path.join(LOCAL_DIR, 'terraform-local.tfstate');

/** Where `make dev` records its moto endpoint and stack outputs, for the operations commands (scripts/ops). */
export const DEV_STACK_FILE = path.join(LOCAL_DIR, 'dev-stack.json');

/** What {@link DEV_STACK_FILE} holds. */
export interface DevStack {
  endpoint: string;
  outputs: StackOutputs;
  /** The local HTTP API's URL, when served. */
  apiUrl?: string;
}
