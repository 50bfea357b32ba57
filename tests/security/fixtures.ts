/**
 * A small, clean plan (two functions and what they use) for the checks' own
 * tests: each test breaks one thing and expects the check to say so.
 */
import type { Manifest } from './manifests.ts';
import type { PlanView } from './plan-model.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const PREFIX = 'p-';

export const ARNS = {
  uploads: 'arn:aws:s3:::p-uploads',
  renditions: 'arn:aws:s3:::p-renditions',
  images: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/p-images`,
  idempotency: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/p-images-idempotency`,
  counters: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/p-images-bucket-counters`,
  nearDuplicates: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/p-images-near-duplicates`,
  events: `arn:aws:sns:${REGION}:${ACCOUNT}:p-image-events`,
  notifications: `arn:aws:sns:${REGION}:${ACCOUNT}:p-image-notifications`,
  key: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1111`,
  pool: `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/us-east-1_pool`,
  mail: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/no-reply@example.com`,
  mailIdentities: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/*`,
  ingestQueue: `arn:aws:sqs:${REGION}:${ACCOUNT}:p-ingest`,
  ingestDlq: `arn:aws:sqs:${REGION}:${ACCOUNT}:p-ingest-dlq`,
  logGroup: (fn: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/p-${fn}`,
  role: (fn: string) => `arn:aws:iam::${ACCOUNT}:role/p-${fn}`,
  lambda: (fn: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:p-${fn}`,
  apiLogs: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/apigateway/p-api`,
};

export const MANIFESTS: Record<string, Manifest> = {
  ingest: {
    trigger: { queue: { batchSize: 5 } },
    reservedConcurrency: 10,
    permissions: [
      'uploads:read',
      'uploads:list',
      'images:read',
      'images:create',
      'images:write',
      'events:publish',
    ],
  },
  'bucket-metrics': {
    trigger: { schedule: { expression: 'rate(5 minutes)' } },
    reservedConcurrency: 1,
    permissions: ['uploads:list', 'renditions:list', 'metrics:put'],
  },
  // Invoked directly (no trigger): the one function that sends mail.
  notify: {
    reservedConcurrency: 2,
    permissions: ['mail:send'],
  },
};

/** A policy document as Terraform holds it. */
export function policy(statements: Array<Record<string, unknown>>): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((s) => ({ Effect: 'Allow', ...s })),
  });
}

/** The one resource at `address` of a plan (to break it in a test). */
export function at(plan: PlanView, address: string): Record<string, unknown> {
  const found = plan.resources.find((resource) => resource.address === address);
  if (!found) throw new Error(`fixture has no ${address}`);
  return found.values;
}

/** Replaces the statement with `sid` of a role policy (`aws_iam_role_policy.<fn>`). */
export function editStatement(
  plan: PlanView,
  fnName: string,
  sid: string,
  edit: (statement: Record<string, unknown>) => Record<string, unknown> | undefined,
): void {
  const values = at(plan, `aws_iam_role_policy.${fnName}`);
  const document = JSON.parse(String(values.policy)) as { Statement: Array<Record<string, unknown>> };
  document.Statement = document.Statement.flatMap((s) => {
    if (s.Sid !== sid) return [s];
    const edited = edit(s);
    return edited ? [edited] : [];
  });
  values.policy = JSON.stringify(document);
}
