/**
 * The checks themselves: silent on a clean plan, and each finds the one
 * thing a test breaks. Without these, a check that can never fail would pass
 * the real plan just as well.
 */
import { describe, expect, it } from 'vitest';
import { checks, findings } from './check-findings.ts';
import { cleanPlan } from './clean-plan.ts';
import { ARNS, at, editStatement, policy } from './fixtures.ts';

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
