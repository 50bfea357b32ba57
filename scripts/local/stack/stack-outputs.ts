/**
 * The `terraform output` contract of docs/internals.md (terraform/envs/local
 * and envs/aws) as typed StackOutputs, and the check that narrows the JSON.
 */

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
  /**
   * Optional: the queue poller's maximum concurrency (the event source mapping's
   * scaling_config); else derived from function.json (see maxConcurrencyFor).
   */
  maximum_concurrency?: number | null;
}

/** The outputs of terraform/envs/local (and envs/aws). */
export interface StackOutputs {
  region: string;
  uploads_bucket: string;
  renditions_bucket: string;
  images_table: string;
  events_topic_arn: string;
  functions: Record<string, FunctionOutputs>;
  /** The HTTP API's URL. Informational locally: the local gateway (gateway/api-gateway.ts) serves the API. */
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
  /** The near-duplicate index (NEAR_DUPLICATES_TABLE): partition `band`, sort `imageId`. */
  near_duplicates_table?: string;
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
  'near_duplicates_table',
  'mail_from',
  'alarm_topic_arn',
  'dashboard_name',
] as const;

type RawOutputs = Record<string, { value?: unknown } | undefined>;

/**
 * The outputs with the fields of a `pipeline` object output (the pipeline
 * module's `runtime` contract, which the envs pass through whole) read as
 * outputs of their own; an env's own outputs win over a field of the same name.
 */
function liftPipeline(raw: RawOutputs | undefined): RawOutputs | undefined {
  const pipeline = raw?.pipeline?.value;
  if (!pipeline || typeof pipeline !== 'object') return raw;
  const { pipeline: _contract, ...own } = raw;
  const lifted = Object.entries(pipeline as Record<string, unknown>).map(([name, value]) => [
    name,
    { value },
  ]);
  return { ...Object.fromEntries(lifted), ...own };
}

/**
 * Checks and narrows `terraform output -json` to StackOutputs, from single
 * outputs or from a `pipeline` object output (see liftPipeline).
 * @throws Error naming the first missing or mistyped output.
 */
export function parseStackOutputs(json: unknown): StackOutputs {
  const raw = liftPipeline(json as RawOutputs | undefined);
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
