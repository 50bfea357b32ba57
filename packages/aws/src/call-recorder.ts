import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type {
  AbsoluteLocation,
  InitializeHandlerOptions,
  InitializeMiddleware,
  MiddlewareStack,
} from '@smithy/types';
import type { ArnScope, IamRequest, IamService } from './iam-request.js';
import { iamRequests } from './iam-requests.js';

type Env = Record<string, string | undefined>;

/** One line of a call log: what a function asked AWS to do, as IAM requests. */
export interface CallRecord {
  /** AWS_LAMBDA_FUNCTION_NAME of the recording process, or `unknown`. */
  function: string;
  service: IamService;
  /** SDK operation (`GetObject`), or `PresignedPost`/`PresignedGetObject` for presigned access. */
  operation: string;
  requests: IamRequest[];
}

/** Appends call records of one process to its call log. */
export interface CallRecorder {
  /** The process's `<dir>/<function>.<pid>.jsonl`. */
  readonly file: string;
  readonly scope: ArnScope;
  record(service: IamService, operation: string, requests: IamRequest[]): void;
}

/** Placeholder account when no ARN in the environment names the real one. */
const DEFAULT_ACCOUNT = '123456789012';

const recorders = new Map<string, CallRecorder>();

/**
 * The call recorder of this process, or `undefined` unless both
 * `AWS_ENDPOINT_URL` and `PIPELINE_CALL_LOG` (a directory) are set: only a
 * function running against the local emulator records, never a deployed one.
 * One recorder per log file, shared by every client of the process.
 *
 * The log is for proving the functions' calls against the AWS policies
 * (an IAM evaluator reads it); writing it never fails a call.
 */
export function callRecorder(env: Env = process.env): CallRecorder | undefined {
  const dir = nonEmpty(env.PIPELINE_CALL_LOG);
  if (!dir || !nonEmpty(env.AWS_ENDPOINT_URL)) return undefined;
  const name = nonEmpty(env.AWS_LAMBDA_FUNCTION_NAME) ?? 'unknown';
  const file = path.join(dir, `${name}.${process.pid}.jsonl`);
  const existing = recorders.get(file);
  if (existing) return existing;

  // The topic ARN is the one ARN every function's environment has; its account is the stack's.
  const account = nonEmpty(env.EVENTS_TOPIC_ARN)?.split(':')[4] || DEFAULT_ACCOUNT;
  const region = nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? 'us-east-1';
  let ready = false;
  let warned = false;
  const recorder: CallRecorder = {
    file,
    scope: { region, account },
    record(service, operation, requests) {
      try {
        if (!ready) {
          mkdirSync(dir, { recursive: true });
          ready = true;
        }
        const line: CallRecord = { function: name, service, operation, requests };
        appendFileSync(file, `${JSON.stringify(line)}\n`);
      } catch (error) {
        if (!warned) console.warn(`PIPELINE_CALL_LOG: cannot write ${file}: ${(error as Error).message}`);
        warned = true;
      }
    },
  };
  recorders.set(file, recorder);
  return recorder;
}

/**
 * Middleware options: the `initialize` step wraps the SDK's retries, so a
 * call retried three times is one record, as it is one decision of the code.
 */
export const CALL_RECORDER_MIDDLEWARE_OPTIONS: InitializeHandlerOptions &
  AbsoluteLocation & { name: string } = {
  step: 'initialize',
  priority: 'high',
  name: 'pipelineCallRecorder',
  override: true,
};

/**
 * Builds the recording middleware for one client of `service`. The record is
 * written once the call settles, failed or not (AWS authorized it either
 * way); a call that `getSignedUrl` only presigns is recorded as
 * `Presigned<Operation>`, since whoever uses the URL acts with our credentials.
 */
export function callRecorderMiddleware(
  service: IamService,
  recorder: CallRecorder,
): InitializeMiddleware<object, object> {
  return (next, context) => async (args) => {
    const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
    let presigned = false;
    try {
      const result = await next(args);
      presigned = typeof result.output === 'object' && result.output !== null && 'presigned' in result.output;
      return result;
    } finally {
      safeRecord(recorder, service, operation, presigned ? `Presigned${operation}` : operation, args.input);
    }
  };
}

/** Adds call recording to a client's middleware stack. */
export function addCallRecording(
  // biome-ignore lint/suspicious/noExplicitAny: every SDK client's stack has different input/output unions.
  client: { middlewareStack: MiddlewareStack<any, any> },
  service: IamService,
  recorder: CallRecorder,
): void {
  client.middlewareStack.add(callRecorderMiddleware(service, recorder), CALL_RECORDER_MIDDLEWARE_OPTIONS);
}

/**
 * Records access the function grants without calling AWS itself, such as a
 * presigned POST: the uploader acts with the function's credentials, so the
 * function's policy must allow it. No-op unless recording is on (see
 * {@link callRecorder}).
 *
 * @example recordPresignedRequest('PresignedPost', { action: 's3:PutObject', resource: `arn:aws:s3:::${bucket}/${key}` });
 */
export function recordPresignedRequest(
  operation: 'PresignedPost' | 'PresignedGetObject',
  request: IamRequest,
  env: Env = process.env,
): void {
  callRecorder(env)?.record('s3', operation, [request]);
}

function safeRecord(
  recorder: CallRecorder,
  service: IamService,
  operation: string,
  recordedAs: string,
  input: object,
): void {
  try {
    const requests = iamRequests(service, operation, input as Record<string, unknown>, recorder.scope);
    recorder.record(service, recordedAs, requests);
  } catch {
    // A mapping bug must never fail the call it describes; the missing line shows up in the evaluation.
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
