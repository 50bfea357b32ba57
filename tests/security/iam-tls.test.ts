/**
 * moto answers plain HTTP and evaluates no bucket policy; AWS evaluates the
 * TLS-only deny every bucket policy of the plan carries. Here a function's
 * own object requests are evaluated, with the IAM evaluator, against its
 * role's policies and the bucket's policy from the envs/aws plan: allowed
 * over TLS, explicitly denied without it (aws:SecureTransport false), even
 * though the role grants the action.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { evaluate, roleContext, sessionArn } from './iam/evaluate.ts';
import { planAccount, withAccount } from './iam/plan-account.ts';
import { planFunction, resourcePolicy } from './iam/plan-policies.ts';
import { type Manifest, readManifests } from './manifests.ts';
import { type PlanView, readPlan, str, where } from './plan-model.ts';

let plan: PlanView;
let manifests: Record<string, Manifest>;

beforeAll(() => {
  plan = withAccount(readPlan(JSON.parse(readFileSync(inject('awsPlanFile'), 'utf8')))).plan;
  manifests = readManifests(inject('awsFunctionsDir'));
});

/** The first function (by folder name) whose manifest has the permission word. */
function functionWith(word: string): string {
  const key = Object.keys(manifests).find((name) => manifests[name]?.permissions?.includes(word));
  if (!key) throw new Error(`no function.json has the permission word ${word}`);
  return key;
}

function bucketArn(output: string): string {
  const arn = str(where(plan, 'aws_s3_bucket', 'bucket', plan.outputs[output])[0], 'arn');
  if (!arn) throw new Error(`the plan has no bucket for output ${output}`);
  return arn;
}

/** One object request by the function's role, over TLS or not. */
async function request(word: string, action: string, objectArn: string, secure: boolean) {
  const fn = planFunction(plan, functionWith(word));
  const region = fn.functionArn.split(':')[3] ?? 'us-east-1';
  return evaluate({
    principal: sessionArn(fn.roleArn, fn.functionName),
    action,
    resource: objectArn,
    resourceAccount: planAccount(plan),
    context: { ...roleContext(fn.roleArn, region), 'aws:SecureTransport': String(secure) },
    identityPolicies: fn.identityPolicies,
    resourcePolicy: resourcePolicy(plan, objectArn),
  });
}

describe('TLS-only bucket policies, evaluated', () => {
  it.each([
    ['uploads:read', 's3:GetObject', 'uploads_bucket', 'uploads/owner-1/image-1.jpg'],
    ['uploads:write', 's3:PutObject', 'uploads_bucket', 'uploads/owner-1/image-1.jpg'],
    ['renditions:write', 's3:PutObject', 'renditions_bucket', 'image-1/v1/w320.webp'],
    ['renditions:delete', 's3:DeleteObject', 'renditions_bucket', 'image-1/v1/w320.webp'],
  ])(
    '%s: %s on the %s is allowed over TLS and explicitly denied without it',
    async (word, action, output, key) => {
      const object = `${bucketArn(output)}/${key}`;
      expect(resourcePolicy(plan, object), `${output} has a bucket policy`).toBeDefined();
      const secure = await request(word, action, object, true);
      expect(secure.result).toBe('Allowed');
      const plain = await request(word, action, object, false);
      expect(plain.result).toBe('ExplicitlyDenied');
    },
  );
});
