/**
 * Check (b): the account's Lambda concurrency quota against what the
 * configuration reserves.
 *
 * AWS's rule: "You can reserve up to the Unreserved account concurrency value
 * that is shown, minus 100 for functions that don't have reserved
 * concurrency" — Lambda keeps at least 100 concurrent executions unreserved
 * and refuses a PutFunctionConcurrency that would go below
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html).
 * A new account's limit is 10, so it cannot reserve anything.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LambdaQuota } from './aws-context.ts';
import { type CheckLine, errorText, fail, ok, warn } from './check-line.ts';

/** Concurrent executions Lambda keeps unreserved in every account. */
export const UNRESERVED_FLOOR = 100;

/** reservedConcurrency of every functions/<name>/function.json that sets one, by function name. */
export function readReservations(functionsDir: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const name of readdirSync(functionsDir).sort()) {
    let manifest: { reservedConcurrency?: unknown };
    try {
      manifest = JSON.parse(readFileSync(path.join(functionsDir, name, 'function.json'), 'utf8'));
    } catch {
      continue; // not a function folder
    }
    if (typeof manifest.reservedConcurrency === 'number') result[name] = manifest.reservedConcurrency;
  }
  return result;
}

export interface ConcurrencyInput {
  /** reserved_concurrency_enabled as Terraform will see it. */
  enabled: boolean;
  /** Where `enabled` came from (default, terraform.tfvars, TF_VAR_...). */
  source: string;
  reservations: Record<string, number>;
  /** The account's quota, or the error reading it. */
  quota: LambdaQuota | Error;
}

/**
 * The decision, without AWS: ✖ when the reservations cannot fit under the
 * account limit with 100 left over, ! when they fit the limit but not what
 * other reservations leave (fine when those are this stack's own, i.e. a
 * redeploy), ✔ otherwise or when nothing is reserved.
 */
export function decideConcurrency({ enabled, source, reservations, quota }: ConcurrencyInput): CheckLine[] {
  const total = Object.values(reservations).reduce((sum, n) => sum + n, 0);
  const limitText =
    quota instanceof Error
      ? ''
      : ` (account limit ${quota.concurrentExecutions}, ${quota.unreservedConcurrentExecutions} unreserved)`;
  if (!enabled) {
    const lines = [
      ok(
        `Lambda concurrency: nothing is reserved (reserved_concurrency_enabled = false, ${source})${limitText}`,
      ),
    ];
    if (quota instanceof Error)
      lines.push(warn(`could not read the Lambda concurrency quota: ${quota.message}`));
    return lines;
  }
  const wanted = `reserved_concurrency_enabled = true (${source}) reserves ${total} in all`;
  const off = 'set reserved_concurrency_enabled = false in terraform/envs/aws/terraform.tfvars';
  const raise = `request a Lambda "Concurrent executions" quota of at least ${total + UNRESERVED_FLOOR} (Service Quotas console)`;
  if (quota instanceof Error) {
    return [
      fail(
        `Lambda concurrency: ${wanted}, but the quota could not be read: ${quota.message}`,
        `allow lambda:GetAccountSettings, or ${off}`,
      ),
    ];
  }
  const afterLimit = quota.concurrentExecutions - total;
  if (afterLimit < UNRESERVED_FLOOR) {
    return [
      fail(
        `Lambda concurrency: ${wanted}; the account limit is ${quota.concurrentExecutions}, which would leave ${afterLimit} unreserved (Lambda requires >= ${UNRESERVED_FLOOR})`,
        `${off}, or ${raise}`,
      ),
    ];
  }
  const afterUnreserved = quota.unreservedConcurrentExecutions - total;
  if (afterUnreserved < UNRESERVED_FLOOR) {
    const others = quota.concurrentExecutions - quota.unreservedConcurrentExecutions;
    return [
      warn(
        `Lambda concurrency: ${wanted}; ${others} is reserved already, so only ${afterUnreserved} would stay unreserved (< ${UNRESERVED_FLOOR}) unless those reservations are this stack's own (a redeploy)`,
        `free other reservations, ${off}, or ${raise}`,
      ),
    ];
  }
  return [
    ok(
      `Lambda concurrency: ${wanted}${limitText}; ${afterUnreserved} stay unreserved (>= ${UNRESERVED_FLOOR})`,
    ),
  ];
}

/** Reads the quota with `readQuota` (injectable for tests) and decides. */
export async function checkConcurrency(options: {
  enabled: boolean;
  source: string;
  functionsDir: string;
  readQuota: () => Promise<LambdaQuota>;
}): Promise<CheckLine[]> {
  const quota = await options.readQuota().catch((error: unknown) => new Error(errorText(error)));
  return decideConcurrency({
    enabled: options.enabled,
    source: options.source,
    reservations: readReservations(options.functionsDir),
    quota,
  });
}
