/**
 * Data protection on by default (issue 12), as the plan has it:
 * - every bucket's policy denies requests made without TLS, on the bucket
 *   and on its objects (S3 accepts plain HTTP unless a policy denies it);
 * - the images table keeps point-in-time recovery, and every table and user
 *   pool refuses deletion;
 * - the uploads and renditions buckets abort incomplete multipart uploads,
 *   and a versioned bucket expires its noncurrent versions;
 * - the HTTP API stage has a throttle, below the account's shared budget.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
import { block, ofType, type PlanView, str, where } from '../plan-model.ts';
import { parsePolicy, type Statement } from './policy.ts';

/** A Deny for everyone, on every S3 action, when aws:SecureTransport is false. */
function deniesInsecureTransport(statement: Statement, resource: string): boolean {
  const everyone =
    statement.principals === '*' ||
    (statement.principals !== undefined && (statement.principals.AWS ?? []).includes('*'));
  return (
    statement.effect === 'Deny' &&
    everyone &&
    statement.actions.some((a) => a === 's3:*' || a === '*') &&
    statement.resources.includes(resource) &&
    Object.entries(statement.conditions).some(
      ([operator, keys]) =>
        /^Bool(IfExists)?$/.test(operator) &&
        Object.entries(keys).some(
          ([key, list]) => key.toLowerCase() === 'aws:securetransport' && list.map(String).includes('false'),
        ),
    )
  );
}

/** Every bucket whose policy lets a request without TLS through (bucket or objects). */
export function tlsOnlyViolations(plan: PlanView): string[] {
  const found: string[] = [];
  for (const bucket of ofType(plan, 'aws_s3_bucket')) {
    const name = str(bucket, 'bucket');
    const arn = str(bucket, 'arn') ?? `arn:aws:s3:::${name}`;
    const at = `${bucket.address} (${name})`;
    const policies = where(plan, 'aws_s3_bucket_policy', 'bucket', name);
    if (policies.length === 0) {
      found.push(`${at}: no bucket policy, so nothing denies requests without TLS`);
      continue;
    }
    const statements = policies.flatMap((p) => parsePolicy(String(p.values.policy ?? '{"Statement":[]}')));
    for (const resource of [arn, `${arn}/*`]) {
      if (!statements.some((s) => deniesInsecureTransport(s, resource))) {
        found.push(`${at}: no Deny of s3:* on ${resource} when aws:SecureTransport is false`);
      }
    }
  }
  return found;
}

/**
 * The images table keeps point-in-time recovery; every table has deletion
 * protection; every user pool has DeletionProtection ACTIVE.
 */
export function deletionProtectionViolations(plan: PlanView): string[] {
  const found: string[] = [];
  const images = String(plan.outputs.images_table ?? '');
  const imagesTable = where(plan, 'aws_dynamodb_table', 'name', images)[0];
  if (!imagesTable) found.push(`the plan has no images table (output images_table = "${images}")`);
  else if (block(imagesTable.values, 'point_in_time_recovery')?.enabled !== true) {
    found.push(`${imagesTable.address} (${images}): point-in-time recovery is off`);
  }
  for (const table of ofType(plan, 'aws_dynamodb_table')) {
    if (table.values.deletion_protection_enabled !== true) {
      found.push(`${table.address} (${str(table, 'name')}): deletion_protection_enabled is off`);
    }
  }
  for (const pool of ofType(plan, 'aws_cognito_user_pool')) {
    if (pool.values.deletion_protection !== 'ACTIVE') {
      found.push(
        `${pool.address} (${str(pool, 'name')}): deletion_protection is ${String(pool.values.deletion_protection)}, not ACTIVE`,
      );
    }
  }
  return found;
}

/** An enabled rule that applies to the whole bucket (no prefix, no tags, no size bounds). */
function wholeBucket(rule: Record<string, unknown>): boolean {
  if (rule.status !== 'Enabled') return false;
  if (typeof rule.prefix === 'string' && rule.prefix !== '') return false;
  const filter = block(rule, 'filter');
  if (!filter) return true;
  return (
    (filter.prefix === undefined || filter.prefix === null || filter.prefix === '') &&
    !block(filter, 'tag') &&
    !block(filter, 'and') &&
    !filter.object_size_greater_than &&
    !filter.object_size_less_than
  );
}

/**
 * The uploads and renditions buckets (by the env's outputs) abort incomplete
 * multipart uploads; every bucket with versioning enabled expires its
 * noncurrent versions.
 */
export function lifecycleViolations(plan: PlanView): string[] {
  const found: string[] = [];
  const rulesOf = (bucket: string) =>
    where(plan, 'aws_s3_bucket_lifecycle_configuration', 'bucket', bucket).flatMap((c) =>
      Array.isArray(c.values.rule) ? (c.values.rule as Record<string, unknown>[]) : [],
    );
  for (const output of ['uploads_bucket', 'renditions_bucket']) {
    const bucket = String(plan.outputs[output] ?? '');
    if (where(plan, 'aws_s3_bucket', 'bucket', bucket).length === 0) {
      found.push(`the plan has no ${output} (output ${output} = "${bucket}")`);
      continue;
    }
    const aborts = rulesOf(bucket).some((rule) => {
      const days = block(rule, 'abort_incomplete_multipart_upload')?.days_after_initiation;
      return wholeBucket(rule) && typeof days === 'number' && days >= 1;
    });
    if (!aborts) found.push(`${bucket}: no enabled whole-bucket rule aborts incomplete multipart uploads`);
  }
  for (const versioning of ofType(plan, 'aws_s3_bucket_versioning')) {
    if (block(versioning.values, 'versioning_configuration')?.status !== 'Enabled') continue;
    const bucket = String(versioning.values.bucket);
    const expires = rulesOf(bucket).some((rule) => {
      const days = block(rule, 'noncurrent_version_expiration')?.noncurrent_days;
      return wholeBucket(rule) && typeof days === 'number' && days >= 1;
    });
    if (!expires) {
      found.push(`${bucket}: versioned, but no enabled whole-bucket rule expires noncurrent versions`);
    }
  }
  return found;
}

/** API Gateway's default account-level limits per region, shared by every API of the account. */
export const ACCOUNT_RATE_LIMIT = 10_000;
export const ACCOUNT_BURST_LIMIT = 5_000;

/** Every HTTP API stage throttles its routes by default, below the account's budget. */
export function throttlingViolations(plan: PlanView): string[] {
  const found: string[] = [];
  for (const stage of ofType(plan, 'aws_apigatewayv2_stage')) {
    const settings = block(stage.values, 'default_route_settings');
    const rate = settings?.throttling_rate_limit;
    const burst = settings?.throttling_burst_limit;
    if (typeof rate !== 'number' || rate <= 0 || rate >= ACCOUNT_RATE_LIMIT) {
      found.push(
        `${stage.address}: default_route_settings.throttling_rate_limit ${String(rate)} (set one above 0, below the account's ${ACCOUNT_RATE_LIMIT}/s)`,
      );
    }
    if (typeof burst !== 'number' || burst <= 0 || burst >= ACCOUNT_BURST_LIMIT) {
      found.push(
        `${stage.address}: default_route_settings.throttling_burst_limit ${String(burst)} (set one above 0, below the account's ${ACCOUNT_BURST_LIMIT})`,
      );
    }
  }
  return found;
}
