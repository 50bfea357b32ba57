/**
 * The IAM evaluation finds what it is meant to find: on copies of the plan
 * with one grant broken, the calls it breaks are reported denied, a grant
 * nobody uses is reported unused, an unverified sender is reported, and a
 * missing call log fails instead of passing. The calls are a small hand-made
 * log (iam/fixtures/calls) in the recorder's format, so these tests do not
 * depend on what the suites happened to record.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { withAccount } from './iam/plan-account.ts';
import { actionsOf, editRolePolicy, type JsonStatement } from './iam/plan-edits.ts';
import { type CallProof, deniedRequests, proveCalls } from './iam/prove-calls.ts';
import { type CallLog, readCallLog } from './iam/recorded-calls.ts';
import { type Delivery, proveDeliveries, serviceDeliveries } from './iam/service-deliveries.ts';
import { unverifiedSenders } from './iam/ses-identities.ts';
import { grantUse } from './iam/unused-grants.ts';
import { ofType, type PlanView, readPlan } from './plan-model.ts';

const FIXTURE = path.join(import.meta.dirname, 'iam', 'fixtures', 'calls');

let plan: PlanView;
let log: CallLog;
let baseline: CallProof;

beforeAll(async () => {
  plan = withAccount(readPlan(JSON.parse(readFileSync(inject('awsPlanFile'), 'utf8')))).plan;
  log = readCallLog(FIXTURE);
  baseline = await proveCalls(plan, log);
});

const sends = (s: JsonStatement) => actionsOf(s).includes('ses:sendemail');

describe('the IAM evaluation of recorded calls: denied requests', () => {
  it("reports recipients denied when the mailer's grant names only the sender identity (today's shape)", async () => {
    const senderArn =
      String(ofType(plan, 'aws_ses_email_identity')[0]?.values.arn ?? '') ||
      String(ofType(plan, 'aws_sesv2_email_identity')[0]?.values.arn ?? '');
    expect(senderArn).toMatch(/^arn:aws:ses:[^:]+:\d{12}:identity\//);
    let edited = 0;
    const narrowed = editRolePolicy(plan, 'mailer', (statements) =>
      statements.map((s) => {
        if (!sends(s)) return s;
        edited += 1;
        const { Condition: _condition, ...rest } = s;
        return { ...rest, Resource: senderArn };
      }),
    );
    expect(edited, 'the mailer role has an ses:SendEmail statement').toBe(1);
    const proof = await proveCalls(narrowed, log);
    const ses = proof.requests.filter((r) => r.action === 'ses:SendEmail');
    expect(ses.filter((r) => r.role === 'recipient').map((r) => r.verdict.allowed)).toEqual([false]);
    expect(ses.filter((r) => r.role === 'sender').map((r) => r.verdict.allowed)).toEqual([true]);
  });

  it('reports mail denied when it is not from the configured sender (ses:FromAddress is evaluated)', async () => {
    const forged: CallLog = structuredClone(log);
    for (const call of forged.calls) {
      for (const request of call.requests) {
        if (request.context?.['ses:FromAddress'])
          request.context['ses:FromAddress'] = 'someone@elsewhere.test';
      }
    }
    const proof = await proveCalls(plan, forged);
    const ses = proof.requests.filter((r) => r.action === 'ses:SendEmail');
    expect(ses.length).toBeGreaterThan(0);
    expect(ses.filter((r) => r.verdict.allowed)).toEqual([]);
  });

  it("reports a function's calls denied when a statement of its role is removed (ingest's images write)", async () => {
    const putItem = (r: CallProof['requests'][number]) =>
      r.functionKey === 'ingest' && r.action === 'dynamodb:PutItem';
    expect(baseline.requests.filter(putItem).map((r) => r.verdict.allowed)).toEqual([true]);
    const stripped = editRolePolicy(plan, 'ingest', (statements) =>
      statements.filter((s) => !actionsOf(s).includes('dynamodb:putitem')),
    );
    const proof = await proveCalls(stripped, log);
    expect(deniedRequests(proof, 'recorded').filter((line) => line.startsWith('ingest:'))).toEqual([
      expect.stringMatching(
        /^ingest: dynamodb:PutItem on .*table\/.*images .*\[PutItem, 2x\] -> ImplicitlyDenied$/,
      ),
    ]);
  });

  it("reports the KMS requests behind a publish denied when the role lacks the topic key's grant", async () => {
    const keyless = editRolePolicy(plan, 'ingest', (statements) =>
      statements.filter((s) => !actionsOf(s).includes('kms:generatedatakey')),
    );
    const proof = await proveCalls(keyless, log);
    expect(deniedRequests(proof, 'implied').filter((line) => line.startsWith('ingest:'))).toEqual([
      expect.stringMatching(/^ingest: kms:GenerateDataKey on arn:aws:kms:.* -> ImplicitlyDenied$/),
      expect.stringMatching(/^ingest: kms:Decrypt on arn:aws:kms:.* -> ImplicitlyDenied$/),
    ]);
  });

  it("reports the Lambda poller denied when the role lacks its own queue's grant", async () => {
    const queueless = editRolePolicy(plan, 'ingest', (statements) =>
      statements.filter((s) => !actionsOf(s).includes('sqs:receivemessage')),
    );
    const proof = await proveCalls(queueless, log);
    const poller = proof.requests.filter((r) => r.functionKey === 'ingest' && r.action.startsWith('sqs:'));
    expect(poller.map((r) => `${r.action} ${r.verdict.allowed}`).sort()).toEqual([
      'sqs:ChangeMessageVisibility false',
      'sqs:DeleteMessage false',
      'sqs:GetQueueAttributes false',
      'sqs:ReceiveMessage false',
    ]);
  });
});

describe('the IAM evaluation of recorded calls: unused grants, senders and a missing log', () => {
  it('reports a grant nobody uses as unused', async () => {
    const bucket = String(plan.outputs.renditions_bucket);
    const widened = editRolePolicy(plan, 'ingest', (statements) => [
      ...statements,
      { Sid: 'NobodyReads', Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` },
    ]);
    const proof = await proveCalls(widened, log);
    expect(grantUse(proof.functions, proof.requests).unused).toContain(
      `ingest: s3:GetObject on arn:aws:s3:::${bucket}/* (${proof.functions.ingest?.identityPolicies[0]?.name}/NobodyReads) is granted but never used`,
    );
  });

  it('reports a sender the plan does not verify', () => {
    const unverified = {
      ...plan,
      resources: plan.resources.filter((r) => !/^aws_sesv?2?_(email|domain)_identity$/.test(r.type)),
    };
    expect(unverifiedSenders(unverified, baseline.requests)).toEqual([
      expect.stringMatching(/^mailer: sends from .+, but the plan verifies neither it nor /),
    ]);
  });

  it('fails, naming the integration suite, when no calls were recorded', () => {
    expect(() => readCallLog(path.join(FIXTURE, 'does-not-exist'))).toThrow(
      /run the integration suite first.*make test/,
    );
  });
});

/** The same kind of source in another account (or, for S3, another bucket). */
function elsewhere(arn: string): string {
  return arn.startsWith('arn:aws:s3:::')
    ? 'arn:aws:s3:::someone-elses-bucket'
    : arn.replace(/\d{12}/, '999999999999');
}

describe('the IAM evaluation of service deliveries', () => {
  it.each([
    's3-to-sns',
    'sns-to-sqs',
    'cloudwatch-to-sns',
    'cloudfront-to-s3',
    'events-to-lambda',
    'apigateway-to-lambda',
  ])('%s: denies a delivery from a source the resource policy does not name', async (kind) => {
    // Key policies let the services use the key from any source; the resource policy is what pins it.
    const delivery = (serviceDeliveries(plan)[kind] ?? []).find((d) => !d.action.startsWith('kms:'));
    expect(delivery, `no ${kind} delivery in the plan`).toBeDefined();
    const [proven] = await proveDeliveries(plan, [
      { ...(delivery as Delivery), sourceArn: elsewhere(String(delivery?.sourceArn)) },
    ]);
    expect(proven?.verdict.allowed).toBe(false);
  });
});
