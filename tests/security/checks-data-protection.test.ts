/**
 * The data-protection and source-condition checks: silent on a clean plan (checks.test.ts),
 * and each finds the one thing a test breaks.
 */
import { describe, expect, it } from 'vitest';
import { findings } from './check-findings.ts';
import { ARNS, at, policy } from './fixtures.ts';
import type { PlanView } from './plan-model.ts';

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
