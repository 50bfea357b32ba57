/**
 * Every AWS service principal a resource or key policy allows is pinned to
 * this stack's own sources: an aws:SourceArn and/or aws:SourceAccount
 * condition, neither empty nor a bare wildcard. Without one, any account's
 * bucket, alarm or topic could make the service act on ours (the
 * cross-service confused deputy).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 *
 * Trust policies are not checked here (function-roles.ts allows only
 * lambda.amazonaws.com to assume a role), nor Lambda permissions (a
 * source_arn is checked there too).
 */
import type { PlanView } from '../plan-model.ts';
import { describe, policiesInPlan, type Statement } from './policy.ts';

const SOURCE_KEYS = ['aws:sourcearn', 'aws:sourceaccount'];

/** Operators that can pin a value (not Null, not a negation, not IfExists: an absent key would pass). */
const PINNING = /^(String(Equals|Like)|Arn(Equals|Like))$/;

function pinsSource(statement: Statement): boolean {
  return Object.entries(statement.conditions).some(
    ([operator, keys]) =>
      PINNING.test(operator) &&
      Object.entries(keys).some(
        ([key, list]) =>
          SOURCE_KEYS.includes(key.toLowerCase()) &&
          list.length > 0 &&
          list.every((v) => v !== '' && !/^[*?]+$/.test(v) && !/^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(v)),
      ),
  );
}

/** Every Allow to a service principal, in a resource or key policy, without a source condition. */
export function sourceConditionViolations(plan: PlanView): string[] {
  const found: string[] = [];
  for (const policy of policiesInPlan(plan)) {
    if (policy.kind !== 'resource' && policy.kind !== 'key') continue;
    for (const statement of policy.statements) {
      if (statement.effect !== 'Allow') continue;
      const p = statement.principals;
      const services = p && p !== '*' ? (p.Service ?? []) : [];
      if (services.length === 0 || pinsSource(statement)) continue;
      found.push(
        `${policy.source} [${describe(statement)}]: ${services.join(', ')} without an aws:SourceArn or aws:SourceAccount condition`,
      );
    }
  }
  return found;
}
