/**
 * The checks themselves: silent on a clean plan, and each finds the one
 * thing a test breaks. Without these, a check that can never fail would pass
 * the real plan just as well.
 */
import { describe, expect, it } from 'vitest';
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
import { ARNS, at, cleanPlan, editStatement, MANIFESTS, policy } from './fixtures.ts';
import type { PlanView } from './plan-model.ts';

const checks = {
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
function findings(check: keyof typeof checks, breakIt: (plan: PlanView) => void): string[] {
  const plan = cleanPlan();
  breakIt(plan);
  return checks[check](plan);
}

describe('the clean fixture', () => {
  it.each(Object.keys(checks))('passes %s', (name) => {
    expect(checks[name as keyof typeof checks](cleanPlan())).toEqual([]);
  });
});

describe('bucketViolations', () => {
  it.each(['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'])(
    'finds %s off',
    (flag) => {
      const found = findings('buckets', (p) => {
        at(p, 'aws_s3_bucket_public_access_block.uploads')[flag] = false;
      });
      expect(found).toEqual([expect.stringContaining(`has ${flag} off`)]);
    },
  );

  it('finds a bucket without a public access block, encryption or enforced ownership', () => {
    const found = findings('buckets', (p) => {
      p.resources = p.resources.filter(
        (r) => !r.address.endsWith('.renditions') || r.type === 'aws_s3_bucket',
      );
    });
    expect(found).toEqual([
      expect.stringContaining('no aws_s3_bucket_public_access_block'),
      expect.stringContaining('no aws_s3_bucket_server_side_encryption_configuration'),
      expect.stringContaining('not BucketOwnerEnforced'),
    ]);
  });

  it('finds default encryption without an algorithm, and an ACL', () => {
    const found = findings('buckets', (p) => {
      at(p, 'aws_s3_bucket_server_side_encryption_configuration.uploads').rule = [];
      p.resources.push({
        address: 'aws_s3_bucket_acl.x',
        type: 'aws_s3_bucket_acl',
        values: { bucket: 'p-uploads' },
      });
    });
    expect(found).toEqual([
      expect.stringContaining('sse_algorithm undefined'),
      expect.stringContaining('sets an ACL'),
    ]);
  });
});

describe('encryptionViolations', () => {
  it('finds an unencrypted queue, topic and table, and a key that does not rotate', () => {
    const found = findings('encryption', (p) => {
      at(p, 'aws_sqs_queue.ingest_dlq').sqs_managed_sse_enabled = false;
      at(p, 'aws_sns_topic.notifications').kms_master_key_id = '';
      at(p, 'aws_dynamodb_table.images').server_side_encryption = [{ enabled: false }];
      at(p, 'aws_kms_key.events').enable_key_rotation = false;
    });
    expect(found).toEqual([
      expect.stringContaining('p-ingest-dlq'),
      expect.stringContaining('p-image-notifications'),
      expect.stringContaining('p-images'),
      expect.stringContaining('enable_key_rotation is off'),
    ]);
  });

  it('accepts a queue encrypted with a KMS key instead of SQS-managed SSE', () => {
    const found = findings('encryption', (p) => {
      Object.assign(at(p, 'aws_sqs_queue.ingest'), {
        sqs_managed_sse_enabled: false,
        kms_master_key_id: ARNS.key,
      });
    });
    expect(found).toEqual([]);
  });
});

describe('wildcardViolations', () => {
  it.each([
    ['*', 'allows a whole service'],
    ['s3:*', 'allows a whole service'],
    ['s3:Get*', 'is a pattern'],
  ])('finds action %s in a role', (action, message) => {
    const found = findings('wildcards', (p) =>
      editStatement(p, 'ingest', 'UploadsRead', (s) => ({ ...s, Action: action })),
    );
    expect(found).toEqual([expect.stringContaining(message)]);
  });

  it('finds resource * in a role, and a bucket-wide wildcard', () => {
    const star = findings('wildcards', (p) =>
      editStatement(p, 'ingest', 'EventsPublish', (s) => ({ ...s, Resource: '*' })),
    );
    expect(star).toEqual([expect.stringContaining('resource * where a resource can be named')]);
    const anyBucket = findings('wildcards', (p) =>
      editStatement(p, 'ingest', 'UploadsRead', (s) => ({ ...s, Resource: 'arn:aws:s3:::*/uploads/*' })),
    );
    expect(anyBucket).toEqual([expect.stringContaining('wildcard beyond a trailing')]);
  });

  it('finds PutMetricData on * once its namespace condition is gone or a pattern', () => {
    const none = findings('wildcards', (p) =>
      editStatement(p, 'bucket-metrics', 'MetricsPut', ({ Condition: _c, ...s }) => s),
    );
    expect(none).toEqual([expect.stringContaining('resource *')]);
    const pattern = findings('wildcards', (p) =>
      editStatement(p, 'bucket-metrics', 'MetricsPut', (s) => ({
        ...s,
        Condition: { StringEquals: { 'cloudwatch:namespace': '*' } },
      })),
    );
    expect(pattern).toEqual([expect.stringContaining('resource *')]);
  });

  it('finds NotAction, NotResource and an anonymous principal', () => {
    const found = findings('wildcards', (p) => {
      editStatement(p, 'ingest', 'UploadsRead', ({ Action: _a, ...s }) => ({
        ...s,
        NotAction: 's3:DeleteObject',
      }));
      at(p, 'aws_sns_topic_policy.events').policy = policy([
        { Action: 'SNS:Publish', Resource: ARNS.events, Principal: '*' },
      ]);
    });
    expect(found).toEqual([
      expect.stringContaining('NotAction'),
      expect.stringContaining('principal * with no condition'),
    ]);
    const notResource = findings('wildcards', (p) =>
      editStatement(p, 'ingest', 'UploadsRead', ({ Resource: _r, ...s }) => ({
        ...s,
        NotResource: ARNS.renditions,
      })),
    );
    expect(notResource).toEqual([expect.stringContaining('NotResource')]);
  });

  it('accepts kms:* only for the account root in a key policy', () => {
    const found = findings('wildcards', (p) => {
      at(p, 'aws_kms_key.events').policy = policy([
        { Action: 'kms:*', Resource: '*', Principal: { AWS: 'arn:aws:iam::123456789012:role/someone' } },
      ]);
    });
    expect(found).toEqual([expect.stringContaining('kms:* allows a whole service')]);
  });

  it('finds resource * in a resource policy (where only a key policy means "this key")', () => {
    const found = findings('wildcards', (p) => {
      at(p, 'aws_sqs_queue.ingest').policy = policy([
        { Action: 'sqs:SendMessage', Resource: '*', Principal: { Service: 'sns.amazonaws.com' } },
      ]);
    });
    expect(found).toEqual([expect.stringContaining('resource * where a resource can be named')]);
  });
});

describe('functionRoleViolations', () => {
  it("finds another function's queue, and a queue of its own that is missing", () => {
    const other = 'arn:aws:sqs:us-east-1:123456789012:p-resize';
    const found = findings('roles', (p) =>
      editStatement(p, 'ingest', 'OwnQueue', (s) => ({ ...s, Resource: other })),
    );
    expect(found).toContainEqual(expect.stringContaining(`allows sqs:receivemessage ${other}`));
    expect(found).toContainEqual(expect.stringContaining(`lacks sqs:receivemessage ${ARNS.ingestQueue}`));
  });

  it('finds a mapping that reads another queue', () => {
    const found = findings('roles', (p) => {
      at(p, 'aws_lambda_event_source_mapping.ingest').event_source_arn = ARNS.ingestDlq;
    });
    expect(found).toEqual([expect.stringContaining('not its own queue')]);
  });

  it('finds table actions beyond the permission words', () => {
    const found = findings('roles', (p) =>
      editStatement(p, 'ingest', 'ImagesWrite', (s) => ({
        ...s,
        Action: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'],
      })),
    );
    expect(found).toEqual([
      expect.stringContaining(`allows dynamodb:deleteitem ${ARNS.images}`),
      expect.stringContaining(`allows dynamodb:scan ${ARNS.images}`),
    ]);
  });

  it('finds a grant the manifest lost its word for', () => {
    const plan = cleanPlan();
    const manifests = {
      ...MANIFESTS,
      ingest: {
        ...MANIFESTS.ingest,
        permissions: ['uploads:read', 'uploads:list', 'images:read', 'images:create', 'events:publish'],
      },
    };
    expect(functionRoleViolations(plan, manifests)).toEqual([
      expect.stringContaining('allows dynamodb:updateitem'),
    ]);
  });

  it('finds uploads objects granted on the whole bucket instead of uploads/', () => {
    const found = findings('roles', (p) =>
      editStatement(p, 'ingest', 'UploadsRead', (s) => ({ ...s, Resource: `${ARNS.uploads}/*` })),
    );
    expect(found).toEqual([
      expect.stringContaining(`allows s3:getobject ${ARNS.uploads}/*`),
      expect.stringContaining(`lacks s3:getobject ${ARNS.uploads}/uploads/*`),
    ]);
  });

  it("finds another function's log group", () => {
    const found = findings('roles', (p) =>
      editStatement(p, 'ingest', 'OwnLogs', (s) => ({
        ...s,
        Resource: `${ARNS.logGroup('bucket-metrics')}:*`,
      })),
    );
    expect(found).toContainEqual(expect.stringContaining('allows logs:createlogstream'));
  });

  it("finds grants in the role's own inline_policy blocks, but not twice for the policies the plan manages", () => {
    const found = findings('roles', (p) => {
      at(p, 'aws_iam_role.ingest').inline_policy = [
        { name: 'p-ingest', policy: String(at(p, 'aws_iam_role_policy.ingest').policy) },
        { name: 'extra', policy: policy([{ Action: 'sqs:SendMessage', Resource: ARNS.ingestDlq }]) },
      ];
    });
    expect(found).toEqual([expect.stringContaining(`allows sqs:sendmessage ${ARNS.ingestDlq}`)]);
    const wildcards = findings('wildcards', (p) => {
      at(p, 'aws_iam_role.ingest').inline_policy = [
        { name: 'p-ingest', policy: String(at(p, 'aws_iam_role_policy.ingest').policy) },
        { name: 'extra', policy: policy([{ Action: 'sqs:*', Resource: ARNS.ingestDlq }]) },
      ];
    });
    expect(wildcards).toEqual([expect.stringContaining('inline_policy[extra]')]);
  });

  it('finds a managed policy, a trust beyond Lambda and an invoke permission without a source', () => {
    const found = findings('roles', (p) => {
      at(p, 'aws_iam_role.ingest').managed_policy_arns = ['arn:aws:iam::aws:policy/AdministratorAccess'];
      at(p, 'aws_iam_role.bucket-metrics').assume_role_policy = policy([
        { Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::999999999999:root' } },
      ]);
      at(p, 'aws_lambda_permission.schedule').source_arn = null;
    });
    expect(found).toEqual([
      expect.stringContaining('managed policy arn:aws:iam::aws:policy/AdministratorAccess'),
      expect.stringContaining('trust policy'),
      expect.stringContaining('from any source'),
    ]);
  });
});

describe('logRetentionViolations', () => {
  it('finds a log group kept forever, a function logging elsewhere, and API access logs elsewhere', () => {
    const found = findings('logs', (p) => {
      at(p, 'aws_cloudwatch_log_group.ingest').retention_in_days = 0;
      at(p, 'aws_lambda_function.bucket-metrics').logging_config = [{ log_group: '/custom/unmanaged' }];
      at(p, 'aws_apigatewayv2_stage.default').access_log_settings = [];
    });
    expect(found).toEqual([
      expect.stringContaining('retention_in_days 0'),
      expect.stringContaining('logs to /custom/unmanaged'),
      expect.stringContaining('no access logs'),
    ]);
  });

  it('finds a function without its log group', () => {
    const found = findings('logs', (p) => {
      p.resources = p.resources.filter((r) => r.address !== 'aws_cloudwatch_log_group.ingest');
    });
    expect(found).toEqual([expect.stringContaining('logs to /aws/lambda/p-ingest')]);
  });
});

describe('deadLetterViolations', () => {
  it('finds a queue without a dead-letter queue', () => {
    const found = findings('deadLetters', (p) => {
      at(p, 'aws_sqs_queue.ingest').redrive_policy = '';
    });
    // Neither queue is a dead-letter target any more: both lack one.
    expect(found).toEqual([expect.stringContaining('p-ingest)'), expect.stringContaining('p-ingest-dlq)')]);
  });

  it('finds fewer than 5 receives on a queue Lambda polls', () => {
    const found = findings('deadLetters', (p) => {
      at(p, 'aws_sqs_queue.ingest').redrive_policy = JSON.stringify({
        deadLetterTargetArn: ARNS.ingestDlq,
        maxReceiveCount: 4,
      });
    });
    expect(found).toEqual([expect.stringContaining('maxReceiveCount 4 for a queue Lambda polls')]);
  });

  it('finds a target outside the plan, too many receives and a shorter retention', () => {
    const elsewhere = findings('deadLetters', (p) => {
      at(p, 'aws_sqs_queue.ingest').redrive_policy = JSON.stringify({
        deadLetterTargetArn: 'arn:x',
        maxReceiveCount: 5,
      });
    });
    expect(elsewhere).toContainEqual(expect.stringContaining('is not a queue of the plan'));
    const limits = findings('deadLetters', (p) => {
      at(p, 'aws_sqs_queue.ingest').redrive_policy = JSON.stringify({
        deadLetterTargetArn: ARNS.ingestDlq,
        maxReceiveCount: 1000,
      });
      at(p, 'aws_sqs_queue.ingest_dlq').message_retention_seconds = 60;
    });
    expect(limits).toEqual([
      expect.stringContaining('maxReceiveCount 1000'),
      expect.stringContaining('keeps messages 60 s'),
    ]);
  });
});

describe('concurrencyViolations', () => {
  /** The clean plan as envs/aws makes it with reserved_concurrency_enabled = true. */
  function reserving(p: PlanView): void {
    p.variables.reserved_concurrency_enabled = true;
    for (const [name, manifest] of Object.entries(MANIFESTS)) {
      at(p, `aws_lambda_function.${name}`).reserved_concurrent_executions = manifest.reservedConcurrency;
    }
  }

  it('passes a plan that reserves every ceiling when reserved_concurrency_enabled is on', () => {
    expect(findings('concurrency', reserving)).toEqual([]);
  });

  it('finds a reservation although reserved_concurrency_enabled is off (the default)', () => {
    const found = findings('concurrency', (p) => {
      at(p, 'aws_lambda_function.ingest').reserved_concurrent_executions = 10;
    });
    expect(found).toEqual([
      expect.stringContaining('aws_lambda_function.ingest: reserved_concurrent_executions 10 although'),
    ]);
  });

  it('finds, with reservations on, a function without a limit and one whose limit is not its manifest', () => {
    const found = findings('concurrency', (p) => {
      reserving(p);
      at(p, 'aws_lambda_function.ingest').reserved_concurrent_executions = -1;
      at(p, 'aws_lambda_function.bucket-metrics').reserved_concurrent_executions = 50;
    });
    expect(found).toEqual([
      expect.stringContaining('reserved_concurrent_executions -1 is no limit'),
      expect.stringContaining('function.json asks for 1'),
    ]);
  });

  it('finds an event source mapping without scaling_config.maximum_concurrency, or below 2', () => {
    const none = findings('concurrency', (p) => {
      at(p, 'aws_lambda_event_source_mapping.ingest').scaling_config = [];
    });
    expect(none).toEqual([expect.stringContaining('scaling_config.maximum_concurrency undefined')]);
    const one = findings('concurrency', (p) => {
      at(p, 'aws_lambda_event_source_mapping.ingest').scaling_config = [{ maximum_concurrency: 1 }];
    });
    expect(one).toEqual([expect.stringContaining('scaling_config.maximum_concurrency 1')]);
  });

  it("finds a poller ceiling that is not the manifest's, or above the reservation", () => {
    const other = findings('concurrency', (p) => {
      at(p, 'aws_lambda_event_source_mapping.ingest').scaling_config = [{ maximum_concurrency: 11 }];
    });
    expect(other).toEqual([
      expect.stringContaining("maximum_concurrency 11, but function.json's ceiling is 10"),
    ]);
    const outrun = findings('concurrency', (p) => {
      reserving(p);
      at(p, 'aws_lambda_event_source_mapping.ingest').scaling_config = [{ maximum_concurrency: 11 }];
    });
    expect(outrun).toEqual([expect.stringContaining('maximum_concurrency 11 lets the poller outrun 10')]);
  });

  it('finds a manifest without reservedConcurrency', () => {
    const manifests = { ...MANIFESTS, ingest: { ...MANIFESTS.ingest, reservedConcurrency: undefined } };
    expect(concurrencyViolations(cleanPlan(), manifests)).toEqual([
      expect.stringContaining('p-ingest: function.json has no positive integer reservedConcurrency'),
    ]);
  });
});

describe('mailSendViolations', () => {
  it('finds a grant on the sender identity only (SES also checks each recipient identity)', () => {
    const found = findings('mail', (p) =>
      editStatement(p, 'notify', 'MailSend', (s) => ({ ...s, Resource: ARNS.mail })),
    );
    expect(found).toEqual([expect.stringContaining(`resources ${ARNS.mail}, not ${ARNS.mailIdentities}`)]);
  });

  it('finds identity/* without the ses:FromAddress condition, or pinned to another address', () => {
    const none = findings('mail', (p) =>
      editStatement(p, 'notify', 'MailSend', ({ Condition: _condition, ...s }) => s),
    );
    expect(none).toEqual([expect.stringContaining('ses:FromAddress condition []')]);
    const other = findings('mail', (p) =>
      editStatement(p, 'notify', 'MailSend', (s) => ({
        ...s,
        Condition: { StringEquals: { 'ses:FromAddress': 'someone@else.org' } },
      })),
    );
    expect(other).toEqual([expect.stringContaining('ses:FromAddress condition ["someone@else.org"]')]);
  });

  it('finds a send grant under another Sid, and a stack whose mail:send granted nothing', () => {
    const renamed = findings('mail', (p) =>
      editStatement(p, 'notify', 'MailSend', (s) => ({ ...s, Sid: 'Mail' })),
    );
    expect(renamed).toEqual([expect.stringContaining('whose Sid is not MailSend')]);
    const gone = findings('mail', (p) => editStatement(p, 'notify', 'MailSend', () => undefined));
    expect(gone).toEqual([expect.stringContaining('no role allows ses:SendEmail although notify')]);
  });
});

/** Replaces the bucket policy of `p-<bucket>` with these statements. */
function bucketPolicy(p: PlanView, bucket: string, statements: Array<Record<string, unknown>>): void {
  at(p, `aws_s3_bucket_policy.${bucket}`).policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: statements,
  });
}

const TLS_DENY = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [ARNS.renditions, `${ARNS.renditions}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

describe('tlsOnlyViolations', () => {
  it('finds a bucket without a policy', () => {
    const found = findings('tls', (p) => {
      p.resources = p.resources.filter((r) => r.address !== 'aws_s3_bucket_policy.uploads');
    });
    expect(found).toEqual([expect.stringContaining('p-uploads): no bucket policy')]);
  });

  it('finds a policy whose only statement is an allow (e.g. the CloudFront read alone)', () => {
    const found = findings('tls', (p) =>
      bucketPolicy(p, 'renditions', [
        {
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: `${ARNS.renditions}/*`,
        },
      ]),
    );
    expect(found).toEqual([
      expect.stringContaining(`no Deny of s3:* on ${ARNS.renditions} when`),
      expect.stringContaining(`no Deny of s3:* on ${ARNS.renditions}/* when`),
    ]);
  });

  it('finds a deny that covers the bucket but not its objects, or is conditioned on the wrong value', () => {
    const bucketOnly = findings('tls', (p) =>
      bucketPolicy(p, 'renditions', [{ ...TLS_DENY, Resource: ARNS.renditions }]),
    );
    expect(bucketOnly).toEqual([expect.stringContaining(`on ${ARNS.renditions}/* when`)]);
    const wrongValue = findings('tls', (p) =>
      bucketPolicy(p, 'renditions', [
        { ...TLS_DENY, Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
      ]),
    );
    expect(wrongValue).toHaveLength(2);
  });

  it('finds a deny for one principal only, or for some actions only', () => {
    const one = findings('tls', (p) =>
      bucketPolicy(p, 'renditions', [{ ...TLS_DENY, Principal: { AWS: 'arn:aws:iam::123456789012:root' } }]),
    );
    expect(one).toHaveLength(2);
    const some = findings('tls', (p) =>
      bucketPolicy(p, 'renditions', [{ ...TLS_DENY, Action: 's3:GetObject' }]),
    );
    expect(some).toHaveLength(2);
  });

  it('accepts the deny merged with other statements in the one policy', () => {
    const found = findings('tls', (p) =>
      bucketPolicy(p, 'renditions', [
        {
          Sid: 'CloudFrontReads',
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: `${ARNS.renditions}/*`,
          Condition: {
            StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::123456789012:distribution/E1' },
          },
        },
        TLS_DENY,
      ]),
    );
    expect(found).toEqual([]);
  });
});

describe('deletionProtectionViolations', () => {
  it('finds the images table without point-in-time recovery or deletion protection', () => {
    const found = findings('protection', (p) => {
      at(p, 'aws_dynamodb_table.images').point_in_time_recovery = [{ enabled: false }];
      at(p, 'aws_dynamodb_table.idempotency').deletion_protection_enabled = false;
    });
    expect(found).toEqual([
      expect.stringContaining('(p-images): point-in-time recovery is off'),
      expect.stringContaining('(p-images-idempotency): deletion_protection_enabled is off'),
    ]);
  });

  it('finds a user pool whose deletion protection is INACTIVE', () => {
    const found = findings('protection', (p) => {
      at(p, 'aws_cognito_user_pool.users').deletion_protection = 'INACTIVE';
    });
    expect(found).toEqual([expect.stringContaining('deletion_protection is INACTIVE, not ACTIVE')]);
  });

  it('finds a plan without the images table', () => {
    const found = findings('protection', (p) => {
      p.outputs.images_table = 'p-other';
    });
    expect(found).toEqual([expect.stringContaining('no images table')]);
  });
});

/** The first lifecycle rule of `p-<bucket>` (to break it in a test). */
function firstRule(p: PlanView, bucket: string): Record<string, unknown> {
  const rules = at(p, `aws_s3_bucket_lifecycle_configuration.${bucket}`).rule as Array<
    Record<string, unknown>
  >;
  const rule = rules[0];
  if (!rule) throw new Error(`fixture has no lifecycle rule for ${bucket}`);
  return rule;
}

describe('lifecycleViolations', () => {
  it('finds a bucket without a lifecycle configuration, or whose abort rule is off or on a prefix only', () => {
    const none = findings('lifecycle', (p) => {
      p.resources = p.resources.filter((r) => r.address !== 'aws_s3_bucket_lifecycle_configuration.uploads');
    });
    expect(none).toEqual([expect.stringContaining('p-uploads: no enabled whole-bucket rule aborts')]);
    const disabled = findings('lifecycle', (p) => {
      firstRule(p, 'renditions').status = 'Disabled';
    });
    expect(disabled).toEqual([expect.stringContaining('p-renditions: no enabled whole-bucket rule aborts')]);
    const prefixed = findings('lifecycle', (p) => {
      firstRule(p, 'renditions').filter = [{ prefix: 'tmp/' }];
    });
    expect(prefixed).toEqual([expect.stringContaining('p-renditions: no enabled whole-bucket rule aborts')]);
  });

  it('finds a versioned bucket that keeps noncurrent versions forever, and accepts one that expires them', () => {
    const versioned = (p: PlanView) =>
      p.resources.push({
        address: 'aws_s3_bucket_versioning.uploads',
        type: 'aws_s3_bucket_versioning',
        values: { bucket: 'p-uploads', versioning_configuration: [{ status: 'Enabled' }] },
      });
    expect(findings('lifecycle', versioned)).toEqual([
      expect.stringContaining(
        'p-uploads: versioned, but no enabled whole-bucket rule expires noncurrent versions',
      ),
    ]);
    const expiring = findings('lifecycle', (p) => {
      versioned(p);
      (at(p, 'aws_s3_bucket_lifecycle_configuration.uploads').rule as Array<Record<string, unknown>>).push({
        id: 'expire-noncurrent-versions',
        status: 'Enabled',
        filter: [{}],
        noncurrent_version_expiration: [{ noncurrent_days: 30 }],
      });
    });
    expect(expiring).toEqual([]);
  });
});

describe('throttlingViolations', () => {
  it('finds a stage without throttling, or throttled only at the account budget', () => {
    const none = findings('throttling', (p) => {
      at(p, 'aws_apigatewayv2_stage.default').default_route_settings = [];
    });
    expect(none).toEqual([
      expect.stringContaining('throttling_rate_limit undefined'),
      expect.stringContaining('throttling_burst_limit undefined'),
    ]);
    const account = findings('throttling', (p) => {
      at(p, 'aws_apigatewayv2_stage.default').default_route_settings = [
        { throttling_rate_limit: 10_000, throttling_burst_limit: 0 },
      ];
    });
    expect(account).toEqual([
      expect.stringContaining('throttling_rate_limit 10000'),
      expect.stringContaining('throttling_burst_limit 0'),
    ]);
  });
});

describe('sourceConditionViolations', () => {
  it('finds service principals without a source condition in a key, topic and queue policy', () => {
    const found = findings('sources', (p) => {
      const key = JSON.parse(String(at(p, 'aws_kms_key.events').policy)) as {
        Statement: Array<Record<string, unknown>>;
      };
      key.Statement = key.Statement.map(({ Condition: _c, ...s }) => s);
      at(p, 'aws_kms_key.events').policy = JSON.stringify(key);
      at(p, 'aws_sns_topic_policy.events').policy = policy([
        { Action: 'SNS:Publish', Resource: ARNS.events, Principal: { Service: 's3.amazonaws.com' } },
      ]);
      at(p, 'aws_sqs_queue.ingest').policy = policy([
        {
          Action: 'sqs:SendMessage',
          Resource: ARNS.ingestQueue,
          Principal: { Service: 'sns.amazonaws.com' },
        },
      ]);
    });
    expect(found).toEqual([
      expect.stringContaining('aws_sns_topic_policy.events.policy'),
      expect.stringContaining('aws_sqs_queue.ingest.policy'),
      expect.stringContaining('aws_kms_key.events.policy'),
    ]);
  });

  it('finds a source condition that pins nothing: a wildcard, an IfExists or a Null test', () => {
    const wildcard = findings('sources', (p) => {
      at(p, 'aws_sns_topic_policy.events').policy = policy([
        {
          Action: 'SNS:Publish',
          Resource: ARNS.events,
          Principal: { Service: 's3.amazonaws.com' },
          Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } },
        },
      ]);
    });
    expect(wildcard).toEqual([expect.stringContaining('s3.amazonaws.com without an aws:SourceArn')]);
    const ifExists = findings('sources', (p) => {
      at(p, 'aws_sqs_queue.ingest').policy = policy([
        {
          Action: 'sqs:SendMessage',
          Resource: ARNS.ingestQueue,
          Principal: { Service: 'sns.amazonaws.com' },
          Condition: { ArnEqualsIfExists: { 'aws:SourceArn': ARNS.events } },
        },
      ]);
    });
    expect(ifExists).toEqual([expect.stringContaining('sns.amazonaws.com without')]);
  });

  it('leaves trust policies and account principals alone', () => {
    const found = findings('sources', (p) => {
      at(p, 'aws_sns_topic_policy.events').policy = policy([
        {
          Action: 'SNS:Publish',
          Resource: ARNS.events,
          Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        },
      ]);
    });
    expect(found).toEqual([]);
  });
});
