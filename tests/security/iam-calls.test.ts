/**
 * moto evaluates no IAM policy, so the integration and e2e suites prove the
 * functions work, not that AWS would let them. Here every AWS call they
 * recorded (and every request AWS makes with their roles on their behalf)
 * is evaluated with an IAM evaluator against the envs/aws plan: the roles'
 * policies and the bucket, topic, queue and key policies. The calls must
 * exist: without them this fails, it never skips.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from './aws-plan.ts';
import { withAccount } from './iam/plan-account.ts';
import { type CallProof, deniedRequests, proveCalls } from './iam/prove-calls.ts';
import { callLogDir, readCallLog } from './iam/recorded-calls.ts';
import { renderReport } from './iam/report.ts';
import { describeDelivery, proveDeliveries, serviceDeliveries } from './iam/service-deliveries.ts';
import { unverifiedSenders } from './iam/ses-identities.ts';
import { grantUse } from './iam/unused-grants.ts';
import { type PlanView, readPlan } from './plan-model.ts';

interface Proven {
  plan: PlanView;
  proof: CallProof;
}

/** Evaluates the recorded calls and writes the report; rejects when there are no calls. */
async function proveRecordedCalls(): Promise<Proven> {
  const planFile = inject('awsPlanFile');
  const plan = withAccount(readPlan(JSON.parse(readFileSync(planFile, 'utf8')))).plan;
  const logDir = callLogDir();
  const log = readCallLog(logDir);
  const proof = await proveCalls(plan, log);
  // The report carries the deliveries too (iam-deliveries.test.ts asserts on them).
  const deliveries = (await proveDeliveries(plan, Object.values(serviceDeliveries(plan)).flat())).map(
    describeDelivery,
  );
  const use = grantUse(proof.functions, proof.requests);
  const report = renderReport(proof.requests, {
    sources: [`calls: ${path.relative(REPO_ROOT, logDir)} (${log.calls.length} calls)`, `plan: ${planFile}`],
    denied: deniedRequests(proof),
    unused: use.unused,
    unverifiedSenders: unverifiedSenders(plan, proof.requests),
    problems: [...proof.problems, ...use.stale],
    deliveries,
  });
  const reportFile = path.join(path.dirname(planFile), 'iam-report.md');
  writeFileSync(reportFile, report);
  process.stderr.write(`iam: report written to ${reportFile}\n`);
  return { plan, proof };
}

let proven: Promise<Proven>;

// Every test awaits the same evaluation: without recorded calls each one fails with
// readCallLog's message (run the integration suite first) instead of being skipped.
beforeAll(() => {
  proven = proveRecordedCalls();
  proven.catch(() => undefined);
});

// Thousands of distinct requests (every object key is one): generous, since a busy machine is slower.
describe('recorded AWS calls, evaluated against the envs/aws plan', { timeout: 600_000 }, () => {
  it('covers calls of the stack (the suites recorded something to prove)', async () => {
    const { proof } = await proven;
    expect(proof.requests.filter((r) => r.source === 'recorded').length).toBeGreaterThan(0);
  });

  it('allows every recorded request of every function', async () => {
    const { proof } = await proven;
    expect(deniedRequests(proof, 'recorded')).toEqual([]);
  });

  it('allows what AWS does with each role: KMS behind encrypted publishes, the queue poller, the logs', async () => {
    const { proof } = await proven;
    expect(deniedRequests(proof, 'implied')).toEqual([]);
  });

  it('finds every caller, role policy and log group in the plan', async () => {
    const { proof } = await proven;
    expect(proof.problems).toEqual([]);
  });

  it('sends mail only from an identity the plan verifies (the SES sandbox rule)', async () => {
    const { plan, proof } = await proven;
    expect(unverifiedSenders(plan, proof.requests)).toEqual([]);
  });

  // envs/aws sends through a configuration set that the local stack has not (moto cannot apply it):
  // every recorded send implies one on the set (implied-requests.ts), which must be allowed.
  it("allows the mailer's sends through the configuration set envs/aws enables by default", async () => {
    const { proof } = await proven;
    const throughSet = proof.requests.filter((r) => r.resource.includes(':configuration-set/'));
    expect(throughSet.length).toBeGreaterThan(0);
    expect(throughSet.filter((r) => !r.verdict.allowed)).toEqual([]);
  });

  it('uses every grant of every function role (or exempts it with a reason)', async () => {
    const { proof } = await proven;
    expect(grantUse(proof.functions, proof.requests).unused).toEqual([]);
  });
});
