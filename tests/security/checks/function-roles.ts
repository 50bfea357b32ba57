/**
 * Each function's role grants exactly what its manifest's permission words
 * mean (docs/internals.md), on exactly the stack's own resources: its own log
 * group, its own queue, the table actions of its words, objects only under
 * the prefixes they live in. Nothing more (a grant the words do not explain
 * is a finding) and nothing less (a word that grants nothing is one too).
 *
 * The vocabulary below is written from docs/internals.md, not read from
 * terraform/modules/function: it is the specification the module must meet.
 */
import { UPLOADS_PREFIX } from '@pipeline/domain';
import { type Manifest, manifestKey } from '../manifests.ts';
import { ofType, type PlannedResource, type PlanView, str, where } from '../plan-model.ts';
import { parsePolicy, rolePolicies } from './policy.ts';
import { type StackArns, stackArns } from './stack-arns.ts';

interface Grant {
  actions: string[];
  resources: string[];
}

/**
 * Each permission word and what it grants. Uploads objects are granted only
 * under UPLOADS_PREFIX (the only keys the pipeline writes or reacts to);
 * renditions live at the renditions bucket's root (`<imageId>/<version>/...`),
 * a bucket that holds nothing else.
 */
export const VOCABULARY: Record<string, (arns: StackArns) => Grant[]> = {
  'uploads:read': (a) => [
    { actions: ['s3:GetObject'], resources: [`${a.uploadsBucket}/${UPLOADS_PREFIX}*`] },
  ],
  'uploads:write': (a) => [
    { actions: ['s3:PutObject'], resources: [`${a.uploadsBucket}/${UPLOADS_PREFIX}*`] },
  ],
  'uploads:delete': (a) => [
    { actions: ['s3:DeleteObject'], resources: [`${a.uploadsBucket}/${UPLOADS_PREFIX}*`] },
  ],
  'uploads:list': (a) => [{ actions: ['s3:ListBucket'], resources: [a.uploadsBucket] }],
  'renditions:read': (a) => [{ actions: ['s3:GetObject'], resources: [`${a.renditionsBucket}/*`] }],
  'renditions:write': (a) => [{ actions: ['s3:PutObject'], resources: [`${a.renditionsBucket}/*`] }],
  'renditions:delete': (a) => [{ actions: ['s3:DeleteObject'], resources: [`${a.renditionsBucket}/*`] }],
  'renditions:list': (a) => [{ actions: ['s3:ListBucket'], resources: [a.renditionsBucket] }],
  // GetItem by key on the table; lists Query only through its indexes.
  'images:read': (a) => [{ actions: ['dynamodb:GetItem'], resources: [a.imagesTable] }],
  'images:list': (a) => [{ actions: ['dynamodb:Query'], resources: [`${a.imagesTable}/index/*`] }],
  'images:create': (a) => [{ actions: ['dynamodb:PutItem'], resources: [a.imagesTable] }],
  'images:write': (a) => [{ actions: ['dynamodb:UpdateItem'], resources: [a.imagesTable] }],
  'events:publish': (a) => [
    { actions: ['sns:Publish'], resources: [a.eventsTopic] },
    { actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [a.eventsKey] },
  ],
  'notifications:publish': (a) => [
    { actions: ['sns:Publish'], resources: [a.notificationsTopic] },
    { actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [a.notificationsKey] },
  ],
  'users:read': (a) => [{ actions: ['cognito-idp:ListUsers'], resources: [a.userPool] }],
  // Every identity of the account (SES checks each recipient's too) and the
  // configuration set when mail goes through one; the ses:FromAddress
  // condition that pins the sender is checked in mail.ts.
  'mail:send': (a) => [
    {
      actions: ['ses:SendEmail'],
      resources: [a.mailIdentities, ...(a.mailConfigurationSet ? [a.mailConfigurationSet] : [])],
    },
  ],
  // The bucket counters: a ledger read by key, TransactWriteItems whose items IAM authorises
  // as UpdateItem and ConditionCheckItem, one Query of the counters partition, the reconcile's
  // Scan of the ledgers (the table only: the Scan never targets an index).
  'counters:read': (a) => [{ actions: ['dynamodb:GetItem'], resources: [a.countersTable] }],
  'counters:write': (a) => [{ actions: ['dynamodb:UpdateItem'], resources: [a.countersTable] }],
  'counters:list': (a) => [{ actions: ['dynamodb:Query'], resources: [a.countersTable] }],
  'counters:check': (a) => [{ actions: ['dynamodb:ConditionCheckItem'], resources: [a.countersTable] }],
  'counters:scan': (a) => [{ actions: ['dynamodb:Scan'], resources: [a.countersTable] }],
  // The near-duplicate index: resize puts and deletes band items, delete deletes them, the API queries.
  'nearDuplicates:write': (a) => [
    { actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], resources: [a.nearDuplicatesTable] },
  ],
  'nearDuplicates:delete': (a) => [{ actions: ['dynamodb:DeleteItem'], resources: [a.nearDuplicatesTable] }],
  'nearDuplicates:query': (a) => [{ actions: ['dynamodb:Query'], resources: [a.nearDuplicatesTable] }],
  'idempotency:write': (a) => [
    {
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      resources: [a.idempotencyTable],
    },
  ],
  // No resource type: "*" plus a cloudwatch:namespace condition (checked in wildcards.ts).
  'metrics:put': () => [{ actions: ['cloudwatch:PutMetricData'], resources: ['*'] }],
  // Only the distribution in front of the renditions bucket (none: the word grants nothing).
  'cdn:invalidate': (a) =>
    a.renditionsDistribution
      ? [{ actions: ['cloudfront:CreateInvalidation'], resources: [a.renditionsDistribution] }]
      : [],
};

/** What every function gets besides its words. */
const OWN_LOGS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const OWN_QUEUE = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'sqs:ChangeMessageVisibility',
];

function pairs(grants: Grant[]): Set<string> {
  return new Set(
    grants.flatMap((g) => g.actions.flatMap((a) => g.resources.map((r) => `${a.toLowerCase()} ${r}`))),
  );
}

function trustViolations(role: PlannedResource): string[] {
  const statements = parsePolicy(String(role.values.assume_role_policy ?? '{"Statement":[]}'));
  return statements
    .filter((s) => s.effect === 'Allow')
    .flatMap((s) => {
      const services = s.principals === '*' ? ['*'] : Object.entries(s.principals ?? {});
      const onlyLambda =
        s.principals !== '*' &&
        Object.keys(s.principals ?? {}).join() === 'Service' &&
        (s.principals?.Service ?? []).every((id) => id === 'lambda.amazonaws.com');
      const onlyAssume = s.actions.every((a) => a === 'sts:AssumeRole');
      return onlyLambda && onlyAssume
        ? []
        : [
            `${role.address}: trust policy lets ${JSON.stringify(services)} ${s.actions.join(',')}, not only Lambda`,
          ];
    });
}

/** Who may invoke the function: AWS services, each only from its own source ARN. */
function invokeViolations(plan: PlanView, fn: PlannedResource): string[] {
  const names = [fn.values.function_name, fn.values.arn];
  return ofType(plan, 'aws_lambda_permission')
    .filter((p) => names.includes(p.values.function_name))
    .flatMap((p) => {
      const principal = String(p.values.principal);
      if (!principal.endsWith('.amazonaws.com'))
        return [`${p.address}: lets ${principal} invoke the function`];
      if (!str(p, 'source_arn'))
        return [`${p.address}: lets ${principal} invoke the function from any source`];
      return [];
    });
}

/**
 * Every finding about the function roles, one readable line each: grants
 * beyond or short of the manifest's words, another function's queue or log
 * group, managed policies, a trust policy beyond Lambda, open invoke
 * permissions.
 */
export function functionRoleViolations(plan: PlanView, manifests: Record<string, Manifest>): string[] {
  const { arns, missing } = stackArns(plan);
  if (!arns) return [`the plan lacks shared resources the permission words name: ${missing.join(', ')}`];
  const prefix = String(plan.variables.name_prefix ?? '');
  const found: string[] = [];

  for (const fn of ofType(plan, 'aws_lambda_function')) {
    const name = str(fn, 'function_name') ?? fn.address;
    const key = manifestKey(name, prefix);
    const manifest = manifests[key];
    if (!manifest) {
      found.push(`${name}: no functions/${key}/function.json describes it`);
      continue;
    }
    const role = where(plan, 'aws_iam_role', 'arn', fn.values.role)[0];
    if (!role) {
      found.push(`${name}: its role ${String(fn.values.role)} is not a role of the plan`);
      continue;
    }
    const roleName = str(role, 'name');
    found.push(...trustViolations(role), ...invokeViolations(plan, fn));
    const managedArns = Array.isArray(role.values.managed_policy_arns) ? role.values.managed_policy_arns : [];
    const attachments = where(plan, 'aws_iam_role_policy_attachment', 'role', roleName);
    for (const arn of [...managedArns, ...attachments.map((a) => a.values.policy_arn)]) {
      found.push(`${name}: role has managed policy ${String(arn)} (outside the permission vocabulary)`);
    }

    const expected: Grant[] = [];
    const logGroup = str(where(plan, 'aws_cloudwatch_log_group', 'name', `/aws/lambda/${name}`)[0], 'arn');
    if (logGroup) expected.push({ actions: OWN_LOGS, resources: [`${logGroup}:*`] });

    const mappings = ofType(plan, 'aws_lambda_event_source_mapping').filter((m) =>
      [fn.values.function_name, fn.values.arn].includes(m.values.function_name),
    );
    if (manifest.trigger?.queue) {
      const ownQueue = str(where(plan, 'aws_sqs_queue', 'name', `${prefix}${key}`)[0], 'arn');
      if (!ownQueue) found.push(`${name}: has a queue trigger but the plan has no queue ${prefix}${key}`);
      else expected.push({ actions: OWN_QUEUE, resources: [ownQueue] });
      for (const m of mappings) {
        if (m.values.event_source_arn !== ownQueue) {
          found.push(`${name}: ${m.address} reads ${String(m.values.event_source_arn)}, not its own queue`);
        }
      }
    } else if (mappings.length > 0) {
      found.push(`${name}: has no queue trigger but an event source mapping`);
    }

    for (const word of manifest.permissions ?? []) {
      const grants = VOCABULARY[word];
      if (grants) expected.push(...grants(arns));
      else found.push(`${name}: function.json names ${word}, which is not a permission word`);
    }

    const granted = pairs(
      rolePolicies(plan, role)
        .flatMap((p) => p.statements)
        .filter((s) => s.effect === 'Allow'),
    );
    const wanted = pairs(expected);
    for (const pair of granted) {
      if (!wanted.has(pair))
        found.push(`${name}: role allows ${pair}, which its permission words do not grant`);
    }
    for (const pair of wanted) {
      if (!granted.has(pair)) found.push(`${name}: role lacks ${pair}, which its permission words grant`);
    }
  }
  return found;
}
