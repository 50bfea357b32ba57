/**
 * The plan is made against moto with `skip_requesting_account_id = true`
 * (tests/security/aws-plan.ts), so the provider does not know the account
 * and leaves it out of the ARNs it builds itself rather than reads back:
 * SES identities (`arn:aws:ses:us-east-1::identity/...`) and the HTTP API's
 * execution ARN (`arn:aws:execute-api:us-east-1::<id>`). Against AWS those
 * carry the account. Filling it in here keeps that artifact from passing
 * for a policy bug (a grant on an account-less ARN matches no request).
 */
import type { PlanView } from '../plan-model.ts';

/** Services whose ARNs the provider builds from the account it was told. */
const ACCOUNT_LESS = /arn:aws:(ses|execute-api):([a-z0-9-]+)::/g;

function fill(value: unknown, account: string): unknown {
  if (typeof value === 'string') return value.replace(ACCOUNT_LESS, `arn:aws:$1:$2:${account}:`);
  if (Array.isArray(value)) return value.map((v) => fill(v, account));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, account)]));
  }
  return value;
}

/** The stack's account, read from the events topic's ARN. */
export function planAccount(plan: PlanView): string {
  return String(plan.outputs.events_topic_arn ?? '').split(':')[4] ?? '';
}

/**
 * A copy of the plan whose provider-built ARNs (and the policy documents
 * that name them) carry the account.
 * @returns the copy, and the addresses of the resources that needed it.
 */
export function withAccount(plan: PlanView): { plan: PlanView; filled: string[] } {
  const account = planAccount(plan);
  const filled: string[] = [];
  const resources = plan.resources.map((resource) => {
    const values = fill(resource.values, account) as Record<string, unknown>;
    if (JSON.stringify(values) !== JSON.stringify(resource.values)) filled.push(resource.address);
    return { ...resource, values };
  });
  return {
    plan: { ...plan, resources, outputs: fill(plan.outputs, account) as PlanView['outputs'] },
    filled,
  };
}
