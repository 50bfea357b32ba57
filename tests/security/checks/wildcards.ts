/**
 * No policy document of the plan allows everything: no `*` or `service:*`
 * action, no `*` resource where a resource can be named, no NotAction or
 * NotResource, no anonymous principal.
 *
 * Two uses of `*` are accepted, because they do not widen anything:
 * - In a KMS key policy, Resource `*` means "this key" (a key policy can
 *   name no other resource), and the statement granting the account root
 *   `kms:*` is AWS's default key policy: it hands the key's access control
 *   to IAM, so the narrow IAM grants of the function roles take effect.
 * - cloudwatch:PutMetricData has no resource type: `*` is the only resource
 *   it takes, so a `cloudwatch:namespace` condition is what confines it.
 */
import type { PlanView } from '../plan-model.ts';
import { describe, type PlanPolicy, policiesInPlan, type Statement } from './policy.ts';

/** `*`, or a whole service (`s3:*`). */
function isServiceWildcard(action: string): boolean {
  return action === '*' || /^[a-z0-9-]+:\*$/i.test(action);
}

const ACCOUNT_ROOT = /^arn:aws[a-z-]*:iam::\d{12}:root$/;

/** The default key policy statement: `kms:*` for the account root and nobody else. */
function isKeyAdministration(policy: PlanPolicy, statement: Statement): boolean {
  if (policy.kind !== 'key' || statement.principals === '*' || !statement.principals) return false;
  const types = Object.keys(statement.principals);
  return (
    statement.actions.every((a) => a.toLowerCase() === 'kms:*') &&
    types.length === 1 &&
    types[0] === 'AWS' &&
    (statement.principals.AWS ?? []).every((id) => ACCOUNT_ROOT.test(id))
  );
}

/** PutMetricData alone, limited to named namespaces by a StringEquals condition. */
function isNamespacedMetrics(statement: Statement): boolean {
  const namespaces = statement.conditions.StringEquals?.['cloudwatch:namespace'] ?? [];
  return (
    statement.actions.length > 0 &&
    statement.actions.every((a) => a.toLowerCase() === 'cloudwatch:putmetricdata') &&
    namespaces.length > 0 &&
    namespaces.every((n) => n !== '' && !/[*?]/.test(n))
  );
}

/**
 * A resource whose only wildcard is a trailing `/*` or `:*` after a named
 * resource (objects under a prefix, a table's indexes, a log group's streams).
 */
function isNamedResource(resource: string): boolean {
  const wildcards = resource.match(/[*?]/g)?.length ?? 0;
  if (wildcards === 0) return true;
  return wildcards === 1 && /[^*?][/:]\*$/.test(resource) && /^arn:aws[a-z-]*:[a-z0-9-]+:/.test(resource);
}

/** Conditions that pin an anonymous principal to this account. */
const ACCOUNT_KEYS = ['aws:sourceaccount', 'aws:sourceowner', 'aws:principalaccount', 'aws:sourcearn'];

function pinsAccount(statement: Statement): boolean {
  return Object.values(statement.conditions).some((keys) =>
    Object.entries(keys).some(
      ([key, values]) =>
        ACCOUNT_KEYS.includes(key.toLowerCase()) &&
        values.length > 0 &&
        values.every((v) => !/^\*?$/.test(v)),
    ),
  );
}

function isAnonymous(statement: Statement): boolean {
  const p = statement.principals;
  return p === '*' || (p?.AWS ?? []).includes('*');
}

/**
 * Every wildcard finding of the plan, one readable line each.
 */
export function wildcardViolations(plan: PlanView): string[] {
  const found = new Set<string>();
  for (const policy of policiesInPlan(plan)) {
    for (const statement of policy.statements) {
      if (statement.effect !== 'Allow') continue; // a Deny can only narrow
      const at = `${policy.source} [${describe(statement)}]`;
      if (statement.notActions.length > 0) found.add(`${at}: allows NotAction (everything else)`);
      if (statement.notResources.length > 0) found.add(`${at}: allows NotResource (everything else)`);
      if (statement.notPrincipals) found.add(`${at}: allows NotPrincipal (everyone else)`);

      for (const action of statement.actions) {
        if (isServiceWildcard(action) && !isKeyAdministration(policy, statement)) {
          found.add(`${at}: action ${action} allows a whole service`);
        } else if (policy.kind === 'identity' && /[*?]/.test(action)) {
          found.add(`${at}: action ${action} is a pattern; roles name their actions`);
        }
      }

      if (policy.kind !== 'trust') {
        for (const resource of statement.resources) {
          if (resource === '*') {
            if (policy.kind !== 'key' && !isNamespacedMetrics(statement)) {
              found.add(`${at}: resource * where a resource can be named`);
            }
          } else if (!isNamedResource(resource)) {
            found.add(`${at}: resource ${resource} is a wildcard beyond a trailing /* or :*`);
          }
        }
      }

      if (policy.kind !== 'identity' && isAnonymous(statement) && !pinsAccount(statement)) {
        found.add(`${at}: principal * with no condition pinning the account`);
      }
    }
  }
  return [...found];
}
