/**
 * Limits that keep a failure or a flood bounded: every log group expires its
 * events, every queue dead-letters what keeps failing, and every queue
 * poller keeps to the concurrency ceiling of its function's manifest.
 */
import { type Manifest, manifestKey } from '../manifests.ts';
import { block, ofType, type PlanView, str } from '../plan-model.ts';

/**
 * Log groups: each has a retention (0 or none = kept forever), each function
 * and each HTTP API stage logs only into a log group the plan manages (else
 * Lambda or API Gateway would create one without a retention).
 */
export function logRetentionViolations(plan: PlanView): string[] {
  const found: string[] = [];
  const groups = ofType(plan, 'aws_cloudwatch_log_group');
  for (const group of groups) {
    const days = group.values.retention_in_days;
    if (typeof days !== 'number' || days < 1) {
      found.push(
        `${group.address} (${str(group, 'name')}): retention_in_days ${String(days)} keeps logs forever`,
      );
    }
  }
  const managed = new Set(groups.map((g) => str(g, 'name')));
  const managedArns = new Set(groups.map((g) => str(g, 'arn')));
  for (const fn of ofType(plan, 'aws_lambda_function')) {
    const name = str(fn, 'function_name');
    const target = block(fn.values, 'logging_config')?.log_group || `/aws/lambda/${name}`;
    if (!managed.has(String(target)))
      found.push(`${fn.address}: logs to ${String(target)}, which the plan does not manage`);
  }
  for (const stage of ofType(plan, 'aws_apigatewayv2_stage')) {
    const destination = block(stage.values, 'access_log_settings')?.destination_arn;
    if (destination === undefined) found.push(`${stage.address}: no access logs`);
    else if (!managedArns.has(String(destination).replace(/:\*$/, ''))) {
      found.push(
        `${stage.address}: access logs go to ${String(destination)}, which the plan does not manage`,
      );
    }
  }
  return found;
}

interface Redrive {
  deadLetterTargetArn?: string;
  maxReceiveCount?: number;
}

function redriveOf(policy: unknown): Redrive | undefined {
  if (typeof policy !== 'string' || policy === '') return undefined;
  return JSON.parse(policy) as Redrive;
}

/** A Lambda poller gives a throttled batch back and it counts as a receive: AWS recommends at least 5. */
export const MIN_RECEIVES_FOR_LAMBDA = 5;

/**
 * Every queue is a dead-letter queue, or redrives to one the plan manages
 * after 1-10 receives, at least 5 when a Lambda event source mapping reads it
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html);
 * a dead-letter queue keeps messages at least as long as its source (SQS
 * keeps the original enqueue time when it moves a message).
 */
export function deadLetterViolations(plan: PlanView): string[] {
  const found: string[] = [];
  const queues = ofType(plan, 'aws_sqs_queue');
  const byArn = new Map(queues.map((q) => [str(q, 'arn'), q]));
  const targets = new Set(queues.map((q) => redriveOf(q.values.redrive_policy)?.deadLetterTargetArn));
  const polled = new Set(
    ofType(plan, 'aws_lambda_event_source_mapping').map((m) => m.values.event_source_arn),
  );
  for (const queue of queues) {
    const at = `${queue.address} (${str(queue, 'name')})`;
    const redrive = redriveOf(queue.values.redrive_policy);
    if (!redrive) {
      if (!targets.has(str(queue, 'arn'))) found.push(`${at}: no dead-letter queue (redrive_policy)`);
      continue;
    }
    const dlq = byArn.get(redrive.deadLetterTargetArn);
    if (!dlq) {
      found.push(
        `${at}: dead-letter target ${String(redrive.deadLetterTargetArn)} is not a queue of the plan`,
      );
      continue;
    }
    const receives = redrive.maxReceiveCount;
    if (typeof receives !== 'number' || receives < 1 || receives > 10) {
      found.push(
        `${at}: maxReceiveCount ${String(receives)} (1-10 keeps a poison message from cycling long)`,
      );
    } else if (polled.has(str(queue, 'arn')) && receives < MIN_RECEIVES_FOR_LAMBDA) {
      found.push(
        `${at}: maxReceiveCount ${receives} for a queue Lambda polls (at least ${MIN_RECEIVES_FOR_LAMBDA}: a throttled batch counts as a receive)`,
      );
    }
    const kept = Number(dlq.values.message_retention_seconds);
    const source = Number(queue.values.message_retention_seconds);
    if (!(kept >= source)) {
      found.push(`${at}: its dead-letter queue keeps messages ${kept} s, less than the queue's ${source} s`);
    }
  }
  return found;
}

/** A reservation Terraform leaves unset: the provider's -1 (or nothing). */
function isUnreserved(value: unknown): boolean {
  return value === undefined || value === null || value === -1;
}

/**
 * Concurrency, as envs/aws sets it:
 * - every manifest has a positive integer reservedConcurrency, the function's ceiling;
 * - with reserved_concurrency_enabled (default false) each function reserves
 *   exactly that, and without it none reserves anything: Lambda refuses a
 *   reservation that leaves the account fewer than 100 unreserved executions,
 *   which a new account (limit 10) always would;
 * - every SQS event source mapping has scaling_config.maximum_concurrency
 *   (2 at least, AWS's minimum), equal to its function's ceiling, and no more
 *   than a reservation: a throttled batch counts as a receive and could be
 *   dead-lettered without the function ever failing.
 */
export function concurrencyViolations(plan: PlanView, manifests: Record<string, Manifest>): string[] {
  const found: string[] = [];
  const prefix = String(plan.variables.name_prefix ?? '');
  const reserving = plan.variables.reserved_concurrency_enabled === true;
  const functions = ofType(plan, 'aws_lambda_function');
  for (const fn of functions) {
    const name = str(fn, 'function_name') ?? fn.address;
    const wanted = manifests[manifestKey(name, prefix)]?.reservedConcurrency;
    const reserved = fn.values.reserved_concurrent_executions;
    if (typeof wanted !== 'number' || !Number.isInteger(wanted) || wanted < 1) {
      found.push(`${name}: function.json has no positive integer reservedConcurrency (${String(wanted)})`);
    }
    if (!reserving) {
      if (!isUnreserved(reserved)) {
        found.push(
          `${fn.address}: reserved_concurrent_executions ${String(reserved)} although reserved_concurrency_enabled is off (a new account refuses any reservation)`,
        );
      }
    } else if (typeof reserved !== 'number' || reserved < 1) {
      found.push(`${fn.address}: reserved_concurrent_executions ${String(reserved)} is no limit`);
    } else if (typeof wanted === 'number' && reserved !== wanted) {
      found.push(
        `${fn.address}: reserved_concurrent_executions ${reserved}, but function.json asks for ${wanted}`,
      );
    }
  }
  for (const mapping of ofType(plan, 'aws_lambda_event_source_mapping')) {
    const max = block(mapping.values, 'scaling_config')?.maximum_concurrency;
    if (typeof max !== 'number' || max < 2) {
      found.push(
        `${mapping.address}: scaling_config.maximum_concurrency ${String(max)} (the poller needs a ceiling of 2 or more)`,
      );
      continue;
    }
    const fn = functions.find((f) =>
      [f.values.function_name, f.values.arn].includes(mapping.values.function_name),
    );
    if (!fn) continue;
    const wanted = manifests[manifestKey(str(fn, 'function_name') ?? '', prefix)]?.reservedConcurrency;
    const reserved = fn.values.reserved_concurrent_executions;
    if (typeof reserved === 'number' && reserved >= 1 && max > reserved) {
      found.push(
        `${mapping.address}: maximum_concurrency ${max} lets the poller outrun ${reserved} reserved`,
      );
    } else if (typeof wanted === 'number' && wanted >= 2 && max !== wanted) {
      found.push(`${mapping.address}: maximum_concurrency ${max}, but function.json's ceiling is ${wanted}`);
    }
  }
  return found;
}
