/**
 * Least privilege, proven from use: every (action, resource) a function's
 * role grants must be exercised by some allowed request of that function
 * (recorded or implied), or be exempted (exemptions.ts) with the reason the
 * suites cannot exercise it.
 */
import { EXEMPTIONS, type Exemption } from './exemptions.ts';
import type { PlanFunction } from './plan-policies.ts';
import type { ProvenRequest } from './prove-calls.ts';

/** IAM wildcard match: `*` any run of characters, `?` one character. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, ignoreCase ? 'i' : '').test(value);
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** The (action, resource) pairs one function's role allows, with where each comes from. */
export function grantsOf(fn: PlanFunction): Array<{ action: string; resource: string; source: string }> {
  const grants: Array<{ action: string; resource: string; source: string }> = [];
  for (const { name, policy } of fn.identityPolicies) {
    const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    statements.forEach((statement, index) => {
      if (statement.Effect !== 'Allow') return;
      const source = `${name}/${typeof statement.Sid === 'string' ? statement.Sid : `#${index}`}`;
      const actions = list(statement.Action);
      const resources = list(statement.Resource);
      if (statement.NotAction !== undefined || statement.NotResource !== undefined || actions.length === 0) {
        grants.push({ action: 'NotAction/NotResource', resource: '*', source });
        return;
      }
      for (const action of actions)
        for (const resource of resources) grants.push({ action, resource, source });
    });
  }
  return grants;
}

/** Unused grants, and exemptions that no longer cover one. */
export interface GrantUse {
  /** Grants nobody uses and no exemption covers: findings. */
  unused: string[];
  /**
   * Exemptions that cover no unused grant this run (the path was exercised,
   * or the grant is gone): reported, not failed, since a run may or may not
   * reach a rare path.
   */
  stale: string[];
}

/** Checks every grant of every function against the allowed requests of that function. */
export function grantUse(
  functions: Record<string, PlanFunction>,
  requests: ProvenRequest[],
  exemptions: Exemption[] = EXEMPTIONS,
): GrantUse {
  const unused: string[] = [];
  const covering = new Set<Exemption>();
  for (const [key, fn] of Object.entries(functions)) {
    const own = requests.filter((r) => r.functionKey === key && r.verdict.allowed);
    for (const grant of grantsOf(fn)) {
      const used = own.some(
        (r) => globMatch(grant.action, r.action, true) && globMatch(grant.resource, r.resource),
      );
      if (used) continue;
      const exemption = exemptions.find(
        (e) =>
          e.function === key &&
          e.action.toLowerCase() === grant.action.toLowerCase() &&
          globMatch(e.resource, grant.resource),
      );
      if (exemption) covering.add(exemption);
      else
        unused.push(
          `${key}: ${grant.action} on ${grant.resource} (${grant.source}) is granted but never used`,
        );
    }
  }
  const stale = exemptions
    .filter((e) => !covering.has(e) && functions[e.function])
    .map((e) => `exemption ${e.function} ${e.action} on ${e.resource} covered no unused grant in this run`);
  return { unused, stale };
}
