/**
 * Security as tests: the plan of terraform/envs/aws (made by global-setup.ts,
 * every value known) meets the pipeline's security rules. Each `it` names a
 * rule; a failure lists every resource that breaks it. checks.test.ts shows
 * that each check finds what it is meant to find.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { bucketViolations } from './checks/buckets.ts';
import { encryptionViolations } from './checks/encryption.ts';
import { functionRoleViolations } from './checks/function-roles.ts';
import { mailSendViolations } from './checks/mail.ts';
import { concurrencyViolations, deadLetterViolations, logRetentionViolations } from './checks/operations.ts';
import { wildcardViolations } from './checks/wildcards.ts';
import { type Manifest, readManifests } from './manifests.ts';
import { ofType, type PlanView, readPlan } from './plan-model.ts';

let plan: PlanView;
let manifests: Record<string, Manifest>;

beforeAll(() => {
  plan = readPlanFile(inject('awsPlanFile'));
  manifests = readManifests(inject('awsFunctionsDir'));
});

function readPlanFile(file: string): PlanView {
  return readPlan(JSON.parse(readFileSync(file, 'utf8')));
}

describe('terraform/envs/aws plan', () => {
  // Every check passes on an empty plan: make sure this one is the whole stack.
  it('holds the whole stack (so no check passes for lack of resources)', () => {
    const count = (type: string) => ofType(plan, type).length;
    const names = Object.keys(manifests);
    const queued = names.filter((name) => manifests[name]?.trigger?.queue).length;
    expect(names.length).toBeGreaterThan(0);
    expect(count('aws_lambda_function')).toBe(names.length);
    expect(count('aws_iam_role_policy')).toBeGreaterThanOrEqual(names.length);
    expect(count('aws_sqs_queue')).toBe(2 * queued);
    expect(count('aws_s3_bucket')).toBeGreaterThanOrEqual(3); // uploads, renditions, web
    expect(count('aws_sns_topic')).toBeGreaterThanOrEqual(2);
    expect(count('aws_dynamodb_table')).toBeGreaterThanOrEqual(2);
    expect(count('aws_apigatewayv2_stage')).toBe(1);
  });

  it('every bucket blocks public access, is encrypted and has ACLs off', () => {
    expect(bucketViolations(plan)).toEqual([]);
  });

  it('every queue, topic and table is encrypted, and customer-managed keys rotate', () => {
    expect(encryptionViolations(plan)).toEqual([]);
  });

  // Accepted uses of "*" (see checks/wildcards.ts): a KMS key policy's Resource "*"
  // means "this key", and its account-root kms:* statement is AWS's default key
  // policy (it delegates the key to IAM); cloudwatch:PutMetricData takes no
  // resource, so it gets "*" with a cloudwatch:namespace condition.
  it('no policy allows * actions, * resources where a resource can be named, or anonymous principals', () => {
    expect(wildcardViolations(plan)).toEqual([]);
  });

  it("each function's role grants exactly its manifest's permission words on its own queue, logs and prefixes", () => {
    expect(functionRoleViolations(plan, manifests)).toEqual([]);
  });

  it('every log group has a retention, and every function and the HTTP API log into one', () => {
    expect(logRetentionViolations(plan)).toEqual([]);
  });

  it('every queue has a dead-letter queue', () => {
    expect(deadLetterViolations(plan)).toEqual([]);
  });

  it('every function-fed queue allows at least 5 receives before dead-lettering', () => {
    expect(deadLetterViolations(plan)).toEqual([]);
    expect(ofType(plan, 'aws_lambda_event_source_mapping').length).toBeGreaterThan(0);
  });

  // Default variables: a new account (concurrency limit 10) refuses any reservation.
  it("with default variables no function reserves concurrency, and every queue poller keeps to its function.json's ceiling", () => {
    expect(plan.variables.reserved_concurrency_enabled).toBe(false);
    expect(concurrencyViolations(plan, manifests)).toEqual([]);
  });

  it('the MailSend grant is on identity/* of the account, pinned by ses:FromAddress to mail_from', () => {
    expect(mailSendViolations(plan, manifests)).toEqual([]);
  });
});
