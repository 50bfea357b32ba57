/**
 * The policy documents an IAM evaluation of one request needs, found in the
 * plan: the calling role's identity policies, and the resource policy of
 * what the request names (bucket, topic, queue, key, function).
 */
import { ofType, type PlannedResource, type PlanView, str, where } from '../plan-model.ts';

/** A policy document as the evaluator takes it. */
export interface NamedPolicy {
  name: string;
  policy: PolicyDocument;
}

/** A parsed IAM policy document. */
export interface PolicyDocument {
  Version?: string;
  Statement: Record<string, unknown>[] | Record<string, unknown>;
}

/** What the evaluation needs of one function of the plan. */
export interface PlanFunction {
  key: string;
  functionName: string;
  functionArn: string;
  roleArn: string;
  /** The role's inline and attached policies. */
  identityPolicies: NamedPolicy[];
  /** Attached policies the plan does not hold (AWS-managed): the evaluation cannot see into them. */
  opaquePolicies: string[];
  /** The queue its event source mapping polls, if any. */
  queueArn?: string;
  /** `/aws/lambda/<name>` log group's ARN (without `:*`), if the plan creates it. */
  logGroupArn?: string;
}

function parse(json: unknown): PolicyDocument | undefined {
  return typeof json === 'string' && json.trim() !== '' ? (JSON.parse(json) as PolicyDocument) : undefined;
}

function identityPolicies(plan: PlanView, role: PlannedResource): { found: NamedPolicy[]; opaque: string[] } {
  const roleName = str(role, 'name');
  const found: NamedPolicy[] = [];
  for (const p of ofType(plan, 'aws_iam_role_policy')) {
    if (p.values.role !== roleName && p.values.role !== role.values.id) continue;
    const policy = parse(p.values.policy);
    if (policy) found.push({ name: String(p.values.name ?? p.address), policy });
  }
  const managed = new Set(found.map((p) => p.name));
  const inline = Array.isArray(role.values.inline_policy) ? role.values.inline_policy : [];
  for (const block of inline as Record<string, unknown>[]) {
    const policy = parse(block.policy);
    if (policy && !managed.has(String(block.name))) found.push({ name: String(block.name), policy });
  }
  const opaque: string[] = [];
  const attached = [
    ...(Array.isArray(role.values.managed_policy_arns) ? (role.values.managed_policy_arns as string[]) : []),
    ...where(plan, 'aws_iam_role_policy_attachment', 'role', roleName).map((a) =>
      String(a.values.policy_arn),
    ),
  ];
  for (const arn of new Set(attached)) {
    const policy = parse(where(plan, 'aws_iam_policy', 'arn', arn)[0]?.values.policy);
    if (policy) found.push({ name: arn, policy });
    else opaque.push(arn);
  }
  return { found, opaque };
}

/**
 * A function of the plan by its folder name.
 * @throws Error when the plan lacks the function or its role.
 */
export function planFunction(plan: PlanView, key: string): PlanFunction {
  const name = `${String(plan.variables.name_prefix ?? '')}${key}`;
  const fn = where(plan, 'aws_lambda_function', 'function_name', name)[0];
  if (!fn) throw new Error(`the plan has no function ${name}`);
  const role = where(plan, 'aws_iam_role', 'arn', fn.values.role)[0];
  if (!role) throw new Error(`${name}: its role ${String(fn.values.role)} is not in the plan`);
  const { found, opaque } = identityPolicies(plan, role);
  const mapping = ofType(plan, 'aws_lambda_event_source_mapping').find((m) =>
    [fn.values.function_name, fn.values.arn].includes(m.values.function_name),
  );
  return {
    key,
    functionName: name,
    functionArn: String(fn.values.arn),
    roleArn: String(role.values.arn),
    identityPolicies: found,
    opaquePolicies: opaque,
    queueArn: str(mapping, 'event_source_arn'),
    logGroupArn: str(
      where(plan, 'aws_cloudwatch_log_group', 'name', `/aws/lambda/${name}`)[0],
      'arn',
    )?.replace(/:\*$/, ''),
  };
}

/** The KMS key (ARN) a topic is encrypted with, or undefined for an unencrypted topic. */
export function topicKeyArn(plan: PlanView, topicArn: string): string | undefined {
  const keyId = str(where(plan, 'aws_sns_topic', 'arn', topicArn)[0], 'kms_master_key_id');
  if (!keyId) return undefined;
  const key = ofType(plan, 'aws_kms_key').find((k) => [k.values.arn, k.values.key_id].includes(keyId));
  // An alias or an AWS-managed key the plan does not hold: keep the id so the evaluation fails loudly.
  return str(key, 'arn') ?? keyId;
}

/**
 * A Lambda function's resource policy as AWS builds it from its
 * aws_lambda_permission resources: one statement each, the principal a
 * service, the source ARN an ArnLike condition, the source account a
 * StringEquals one.
 */
function functionPolicy(plan: PlanView, functionArn: string): PolicyDocument | undefined {
  const fn = where(plan, 'aws_lambda_function', 'arn', functionArn)[0];
  const names = [functionArn, fn?.values.function_name];
  const statements = ofType(plan, 'aws_lambda_permission')
    .filter((p) => names.includes(p.values.function_name))
    .map((p) => {
      const condition: Record<string, Record<string, string>> = {};
      if (str(p, 'source_arn')) condition.ArnLike = { 'AWS:SourceArn': String(p.values.source_arn) };
      if (str(p, 'source_account'))
        condition.StringEquals = { 'AWS:SourceAccount': String(p.values.source_account) };
      const principal = String(p.values.principal);
      return {
        Sid: String(p.values.statement_id ?? p.address),
        Effect: 'Allow',
        Principal: principal.endsWith('.amazonaws.com') ? { Service: principal } : { AWS: principal },
        Action: String(p.values.action),
        Resource: functionArn,
        ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
      };
    });
  return statements.length > 0 ? { Version: '2012-10-17', Statement: statements } : undefined;
}

/** The resource policy that governs `arn` (bucket, topic, queue, key or function), if the plan gives it one. */
export function resourcePolicy(plan: PlanView, arn: string): PolicyDocument | undefined {
  const service = arn.split(':')[2];
  switch (service) {
    case 's3': {
      const bucket = arn.split(':')[5]?.split('/')[0];
      return parse(where(plan, 'aws_s3_bucket_policy', 'bucket', bucket)[0]?.values.policy);
    }
    case 'sns':
      return (
        parse(where(plan, 'aws_sns_topic_policy', 'arn', arn)[0]?.values.policy) ??
        parse(where(plan, 'aws_sns_topic', 'arn', arn)[0]?.values.policy)
      );
    case 'sqs': {
      const queue = where(plan, 'aws_sqs_queue', 'arn', arn)[0];
      const url = str(queue, 'url') ?? str(queue, 'id');
      return (
        parse(where(plan, 'aws_sqs_queue_policy', 'queue_url', url)[0]?.values.policy) ??
        parse(queue?.values.policy)
      );
    }
    case 'kms': {
      const key = where(plan, 'aws_kms_key', 'arn', arn)[0];
      return (
        parse(where(plan, 'aws_kms_key_policy', 'key_id', key?.values.key_id)[0]?.values.policy) ??
        parse(key?.values.policy)
      );
    }
    case 'lambda':
      return functionPolicy(plan, arn.split(':').slice(0, 7).join(':'));
    default:
      return undefined;
  }
}
