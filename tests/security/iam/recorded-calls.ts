/**
 * The AWS calls the functions made while the integration and e2e suites ran
 * against moto (packages/aws records them, one `<function>.<pid>.jsonl` per
 * process, beside `stack.json`, the local stack's terraform outputs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../aws-plan.ts';

/** One IAM request a call stands for (packages/aws iam-requests.ts writes them). */
export interface RecordedRequest {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
  /** SES only: whose identity the request is authorized against. */
  role?: 'sender' | 'recipient';
}

/** One line of a call log. */
export interface RecordedCall {
  /** The local function name (`local-ingest`), or `unknown`. */
  function: string;
  service: string;
  operation: string;
  requests: RecordedRequest[];
}

/** What the checks read of the local stack's outputs (scripts/local/stack/stack-outputs.ts StackOutputs). */
export interface LocalStack {
  region: string;
  uploads_bucket: string;
  renditions_bucket: string;
  images_table: string;
  events_topic_arn: string;
  idempotency_table?: string;
  counters_table?: string;
  near_duplicates_table?: string;
  notifications_topic_arn?: string;
  alarm_topic_arn?: string;
  user_pool_id?: string;
  mail_from?: string;
  functions: Record<
    string,
    { function_name: string; queue_url: string | null; environment?: Record<string, string> }
  >;
}

/** A call log directory, read. */
export interface CallLog {
  dir: string;
  stack: LocalStack;
  calls: RecordedCall[];
}

/**
 * Where the calls are: CALL_LOG_DIR, else `.local/calls-<TEST_AWS_PORT|4567>`
 * (where tests/support/global-setup.ts has the integration suite record them).
 */
export function callLogDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.CALL_LOG_DIR || path.join('.local', `calls-${env.TEST_AWS_PORT || 4567}`);
  return path.resolve(REPO_ROOT, dir);
}

/**
 * Reads every call log of `dir` and its stack.json.
 * @throws Error when the directory, its stack.json or any call is missing:
 *   the proof must never pass for want of calls.
 */
export function readCallLog(dir: string): CallLog {
  const runFirst =
    'run the integration suite first (`make test` runs it before the security suite; alone: ' +
    '`npx vitest run --config vitest.integration.config.ts`), or point CALL_LOG_DIR at its call log';
  if (!existsSync(dir)) throw new Error(`no recorded AWS calls: ${dir} does not exist; ${runFirst}`);
  const stackFile = path.join(dir, 'stack.json');
  if (!existsSync(stackFile)) throw new Error(`${stackFile} is missing; ${runFirst}`);
  const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as LocalStack;
  const calls: RecordedCall[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.jsonl')) continue;
    const lines = readFileSync(path.join(dir, name), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        calls.push(JSON.parse(line) as RecordedCall);
      } catch (error) {
        throw new Error(`${name}:${index + 1}: not a call record (${(error as Error).message})`);
      }
    });
  }
  if (calls.length === 0) throw new Error(`${dir} holds no recorded calls; ${runFirst}`);
  return { dir, stack, calls };
}
