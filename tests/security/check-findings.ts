/** The checks under test by name, and how a test breaks the clean plan for one of them. */
import { bucketViolations } from './checks/buckets.ts';
import {
  deletionProtectionViolations,
  lifecycleViolations,
  throttlingViolations,
  tlsOnlyViolations,
} from './checks/data-protection.ts';
import { encryptionViolations } from './checks/encryption.ts';
import { functionRoleViolations } from './checks/function-roles.ts';
import { mailSendViolations } from './checks/mail.ts';
import { concurrencyViolations, deadLetterViolations, logRetentionViolations } from './checks/operations.ts';
import { sourceConditionViolations } from './checks/source-conditions.ts';
import { wildcardViolations } from './checks/wildcards.ts';
import { cleanPlan } from './clean-plan.ts';
import { MANIFESTS } from './fixtures.ts';
import type { PlanView } from './plan-model.ts';

export const checks = {
  buckets: bucketViolations,
  encryption: encryptionViolations,
  wildcards: wildcardViolations,
  roles: (plan: PlanView) => functionRoleViolations(plan, MANIFESTS),
  logs: logRetentionViolations,
  deadLetters: deadLetterViolations,
  concurrency: (plan: PlanView) => concurrencyViolations(plan, MANIFESTS),
  mail: (plan: PlanView) => mailSendViolations(plan, MANIFESTS),
  tls: tlsOnlyViolations,
  protection: deletionProtectionViolations,
  lifecycle: lifecycleViolations,
  throttling: throttlingViolations,
  sources: sourceConditionViolations,
};

/** Breaks a clean plan and returns what `check` finds. */
export function findings(check: keyof typeof checks, breakIt: (plan: PlanView) => void): string[] {
  const plan = cleanPlan();
  breakIt(plan);
  return checks[check](plan);
}
