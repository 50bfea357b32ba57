/**
 * Local names to the plan's: the calls were recorded against the local stack
 * (terraform/envs/local: `local-` names), the policies are the envs/aws
 * plan's (`image-pipeline-` names, buckets suffixed with account and
 * region). Both stacks have the same outputs and the same functions with the
 * same environment variable names, so pairing them value by value maps
 * every name a call can carry.
 */
import { manifestKey } from '../manifests.ts';
import { type PlanView, str, where } from '../plan-model.ts';
import type { LocalStack } from './recorded-calls.ts';

/** Where a stack's ARNs live. */
export interface Scope {
  region: string;
  account: string;
}

/** Maps what a recorded call names to what the plan names. */
export interface ArnMap {
  local: Scope;
  plan: Scope;
  /** The plan's form of a name, ARN or address (unchanged when nothing maps it). */
  toPlan(value: string): string;
  /** The function folder (manifest key) of a local function name, or undefined. */
  functionKey(localName: string): string | undefined;
  /** Every pair, local -> plan, for failure messages. */
  pairs: ReadonlyMap<string, string>;
}

/** Output name -> how its value becomes an ARN (undefined: the value is the ARN already). */
const OUTPUT_ARNS: Record<string, ((name: string, scope: Scope) => string) | undefined> = {
  uploads_bucket: (name) => `arn:aws:s3:::${name}`,
  renditions_bucket: (name) => `arn:aws:s3:::${name}`,
  web_bucket: (name) => `arn:aws:s3:::${name}`,
  images_table: (name, s) => `arn:aws:dynamodb:${s.region}:${s.account}:table/${name}`,
  idempotency_table: (name, s) => `arn:aws:dynamodb:${s.region}:${s.account}:table/${name}`,
  counters_table: (name, s) => `arn:aws:dynamodb:${s.region}:${s.account}:table/${name}`,
  near_duplicates_table: (name, s) => `arn:aws:dynamodb:${s.region}:${s.account}:table/${name}`,
  events_topic_arn: undefined,
  notifications_topic_arn: undefined,
  alarm_topic_arn: undefined,
  user_pool_id: (id, s) => `arn:aws:cognito-idp:${s.region}:${s.account}:userpool/${id}`,
  mail_from: (address, s) => `arn:aws:ses:${s.region}:${s.account}:identity/${address}`,
};

function tableArn(name: string, s: Scope): string {
  return `arn:aws:dynamodb:${s.region}:${s.account}:table/${name}`;
}

/** The account and region of a stack, read from its events topic's ARN. */
function scopeOf(topicArn: unknown, fallbackRegion: string): Scope {
  const parts = String(topicArn ?? '').split(':');
  return { region: parts[3] || fallbackRegion, account: parts[4] || '' };
}

/** A value worth mapping: a name or ARN, not a number, flag or size. */
function nameLike(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length >= 3 && !/^[\d.]+$/.test(value) && !/^(true|false)$/.test(value)
  );
}

function queueName(url: string | null | undefined): string | undefined {
  return url ? url.split('/').pop() : undefined;
}

/**
 * Pairs the local stack's names with the plan's.
 * @throws Error when the plan has no function for a function of the local stack.
 */
export function buildArnMap(stack: LocalStack, plan: PlanView): ArnMap {
  const local = scopeOf(stack.events_topic_arn, stack.region);
  const planScope = scopeOf(plan.outputs.events_topic_arn, String(plan.variables.region ?? 'us-east-1'));
  const prefix = String(plan.variables.name_prefix ?? '');
  const pairs = new Map<string, string>();
  const pair = (from: unknown, to: unknown) => {
    if (nameLike(from) && nameLike(to) && from !== to && !pairs.has(from)) pairs.set(from, to);
  };

  const localOutputs = stack as unknown as Record<string, unknown>;
  for (const [output, toArn] of Object.entries(OUTPUT_ARNS)) {
    const from = localOutputs[output];
    const to = plan.outputs[output];
    if (!nameLike(from) || !nameLike(to)) continue;
    if (toArn) pair(toArn(from, local), toArn(to, planScope));
    pair(from, to);
  }

  const keys = new Map<string, string>();
  for (const [key, fn] of Object.entries(stack.functions ?? {})) {
    keys.set(fn.function_name, key);
    const planFn = where(plan, 'aws_lambda_function', 'function_name', `${prefix}${key}`)[0];
    if (!planFn) throw new Error(`the plan has no function ${prefix}${key} (local ${fn.function_name})`);
    pair(fn.function_name, str(planFn, 'function_name'));
    const localQueue = queueName(fn.queue_url);
    const planQueue = where(plan, 'aws_sqs_queue', 'name', `${prefix}${key}`)[0];
    if (localQueue && planQueue) {
      pair(`arn:aws:sqs:${local.region}:${local.account}:${localQueue}`, str(planQueue, 'arn'));
      pair(fn.queue_url, str(planQueue, 'url') ?? str(planQueue, 'id'));
    }
    // Same variable, same meaning: whatever name it carries locally maps to the plan's.
    const localEnv = fn.environment ?? {};
    const planEnv = environmentOf(planFn.values);
    for (const [name, value] of Object.entries(localEnv)) {
      pair(value, planEnv[name]);
      // A table only the environment names (COUNTERS_TABLE: the local stack.json may not carry it): its ARN too.
      if (name.endsWith('_TABLE') && nameLike(value) && nameLike(planEnv[name])) {
        pair(tableArn(value, local), tableArn(planEnv[name] as string, planScope));
      }
    }
  }

  const ordered = [...pairs.entries()].sort((a, b) => b[0].length - a[0].length);
  return {
    local,
    plan: planScope,
    pairs,
    toPlan(value) {
      const exact = pairs.get(value);
      if (exact !== undefined) return exact;
      // An ARN under a mapped one: an object of a bucket, an index of a table.
      for (const [from, to] of ordered) {
        if (from.startsWith('arn:') && (value.startsWith(`${from}/`) || value.startsWith(`${from}:`))) {
          return to + value.slice(from.length);
        }
      }
      return value;
    },
    functionKey(localName) {
      return (
        keys.get(localName) ?? (localName.startsWith('local-') ? manifestKey(localName, 'local-') : undefined)
      );
    },
  };
}

/** A planned function's environment variables (`environment[0].variables`). */
export function environmentOf(values: Record<string, unknown>): Record<string, string> {
  const env = values.environment;
  const first = Array.isArray(env)
    ? (env[0] as { variables?: Record<string, string> } | undefined)
    : undefined;
  return first?.variables ?? {};
}
