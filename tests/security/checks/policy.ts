/**
 * IAM policy documents in a plan, normalised so checks can read them: every
 * statement with its actions, resources and principals as lists.
 */
import { ofType, type PlannedResource, type PlanView } from '../plan-model.ts';

/** One statement of a policy document. */
export interface Statement {
  sid: string;
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  /** `'*'` for `"Principal": "*"`, else principal type (AWS, Service, Federated) -> identifiers. */
  principals: '*' | Record<string, string[]> | undefined;
  notPrincipals: boolean;
  /** Condition operator -> condition key -> values. */
  conditions: Record<string, Record<string, string[]>>;
}

/**
 * Where a document applies: `identity` (attached to a role, user or group),
 * `trust` (a role's assume-role policy), `resource` (a bucket, topic or queue
 * policy), `key` (a KMS key policy, whose Resource "*" means the key itself).
 */
export type PolicyKind = 'identity' | 'trust' | 'resource' | 'key';

/** A document found in the plan. */
export interface PlanPolicy {
  /** Address of the resource (and attribute) that holds it. */
  source: string;
  kind: PolicyKind;
  statements: Statement[];
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function principals(value: unknown): Statement['principals'] {
  if (value === undefined || value === null) return undefined;
  if (value === '*') return '*';
  const out: Record<string, string[]> = {};
  for (const [type, ids] of Object.entries(value as Record<string, unknown>)) out[type] = list(ids);
  return out;
}

/**
 * Parses a policy document (a JSON string as Terraform holds it).
 * @throws Error when the string is not a JSON policy document.
 */
export function parsePolicy(json: string): Statement[] {
  const document = JSON.parse(json) as { Statement?: unknown };
  const raw = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return raw.map((s: Record<string, unknown>) => {
    const conditions: Statement['conditions'] = {};
    for (const [operator, keys] of Object.entries((s.Condition ?? {}) as Record<string, unknown>)) {
      conditions[operator] = {};
      for (const [key, values] of Object.entries(keys as Record<string, unknown>)) {
        conditions[operator][key] = list(values);
      }
    }
    return {
      sid: typeof s.Sid === 'string' ? s.Sid : '',
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: list(s.Action),
      notActions: list(s.NotAction),
      resources: list(s.Resource),
      notResources: list(s.NotResource),
      principals: principals(s.Principal),
      notPrincipals: s.NotPrincipal !== undefined,
      conditions,
    };
  });
}

/** Which attributes of which resource types hold a policy document, and of what kind. */
const POLICY_ATTRIBUTES: Array<{ type: string; attribute: string; kind: PolicyKind }> = [
  { type: 'aws_iam_role_policy', attribute: 'policy', kind: 'identity' },
  { type: 'aws_iam_policy', attribute: 'policy', kind: 'identity' },
  { type: 'aws_iam_user_policy', attribute: 'policy', kind: 'identity' },
  { type: 'aws_iam_group_policy', attribute: 'policy', kind: 'identity' },
  { type: 'aws_iam_role', attribute: 'assume_role_policy', kind: 'trust' },
  { type: 'aws_s3_bucket_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_s3_bucket', attribute: 'policy', kind: 'resource' },
  { type: 'aws_sns_topic_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_sns_topic', attribute: 'policy', kind: 'resource' },
  { type: 'aws_sqs_queue_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_sqs_queue', attribute: 'policy', kind: 'resource' },
  { type: 'aws_cloudwatch_log_resource_policy', attribute: 'policy_document', kind: 'resource' },
  { type: 'aws_kms_key', attribute: 'policy', kind: 'key' },
  { type: 'aws_kms_key_policy', attribute: 'policy', kind: 'key' },
];

/**
 * A role's inline_policy blocks, except those an aws_iam_role_policy of the
 * plan manages (the provider reads those back into the role too).
 */
function inlinePolicies(plan: PlanView, role: PlannedResource): PlanPolicy[] {
  const managed = new Set(
    ofType(plan, 'aws_iam_role_policy')
      .filter((p) => p.values.role === role.values.name || p.values.role === role.values.id)
      .map((p) => p.values.name),
  );
  const blocks = Array.isArray(role.values.inline_policy) ? role.values.inline_policy : [];
  return blocks.flatMap((b: Record<string, unknown>) =>
    typeof b.policy === 'string' && b.policy !== '' && !managed.has(b.name)
      ? [
          {
            source: `${role.address}.inline_policy[${String(b.name)}]`,
            kind: 'identity' as const,
            statements: parsePolicy(b.policy),
          },
        ]
      : [],
  );
}

/**
 * Every policy document of the plan (empty attributes, e.g. a queue without a
 * policy, are skipped).
 * @throws Error when an attribute holds something that is not a policy document.
 */
export function policiesInPlan(plan: PlanView): PlanPolicy[] {
  const found: PlanPolicy[] = [];
  for (const { type, attribute, kind } of POLICY_ATTRIBUTES) {
    for (const resource of ofType(plan, type)) {
      const json = resource.values[attribute];
      if (typeof json !== 'string' || json.trim() === '') continue;
      found.push({ source: `${resource.address}.${attribute}`, kind, statements: parsePolicy(json) });
    }
  }
  for (const role of ofType(plan, 'aws_iam_role')) found.push(...inlinePolicies(plan, role));
  return found;
}

/** The identity documents attached to one role: its aws_iam_role_policy resources and inline_policy blocks. */
export function rolePolicies(plan: PlanView, role: PlannedResource): PlanPolicy[] {
  const name = role.values.name;
  const attached = ofType(plan, 'aws_iam_role_policy')
    .filter((p) => p.values.role === name || p.values.role === role.values.id)
    .map((p) => ({
      source: `${p.address}.policy`,
      kind: 'identity' as const,
      statements: parsePolicy(String(p.values.policy)),
    }));
  return [...attached, ...inlinePolicies(plan, role)];
}

/** A readable one-line form of a statement for failure messages. */
export function describe(statement: Statement): string {
  const sid = statement.sid ? `${statement.sid}: ` : '';
  return `${sid}${statement.effect} ${statement.actions.join(',') || `NOT ${statement.notActions.join(',')}`} on ${
    statement.resources.join(',') || statement.notResources.join(',') || '(no resource)'
  }`;
}
