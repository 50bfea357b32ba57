/**
 * The clean plan of the checks' own tests (fixtures.ts has its ARNs and manifests): the
 * buckets, tables, key, topics and queues two functions use, and the functions themselves.
 */
import { ACCOUNT, ARNS, PREFIX, policy, REGION } from './fixtures.ts';
import type { PlannedResource, PlanView } from './plan-model.ts';

function r(type: string, name: string, values: Record<string, unknown>): PlannedResource {
  return { address: `${type}.${name}`, type, values };
}

function bucket(name: string) {
  const bucketName = `p-${name}`;
  return [
    r('aws_s3_bucket', name, { bucket: bucketName, arn: `arn:aws:s3:::${bucketName}` }),
    r('aws_s3_bucket_public_access_block', name, {
      bucket: bucketName,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    }),
    r('aws_s3_bucket_server_side_encryption_configuration', name, {
      bucket: bucketName,
      rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }],
    }),
    r('aws_s3_bucket_ownership_controls', name, {
      bucket: bucketName,
      rule: [{ object_ownership: 'BucketOwnerEnforced' }],
    }),
    r('aws_s3_bucket_policy', name, {
      bucket: bucketName,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    }),
    r('aws_s3_bucket_lifecycle_configuration', name, {
      bucket: bucketName,
      rule: [
        {
          id: 'abort-incomplete-multipart-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
        },
      ],
    }),
  ];
}

function fn(name: string, statements: Array<Record<string, unknown>>) {
  return [
    r('aws_lambda_function', name, {
      function_name: `p-${name}`,
      arn: ARNS.lambda(name),
      role: ARNS.role(name),
      // Default variables: reserved_concurrency_enabled is off, nothing is reserved.
      reserved_concurrent_executions: -1,
      logging_config: [{ log_format: 'Text', log_group: `/aws/lambda/p-${name}` }],
    }),
    r('aws_cloudwatch_log_group', name, {
      name: `/aws/lambda/p-${name}`,
      arn: ARNS.logGroup(name),
      retention_in_days: 14,
    }),
    r('aws_iam_role', name, {
      name: `p-${name}`,
      id: `p-${name}`,
      arn: ARNS.role(name),
      managed_policy_arns: [],
      assume_role_policy: policy([
        { Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } },
      ]),
    }),
    r('aws_iam_role_policy', name, {
      name: `p-${name}`,
      role: `p-${name}`,
      policy: policy([
        {
          Sid: 'OwnLogs',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${ARNS.logGroup(name)}:*`,
        },
        ...statements,
      ]),
    }),
  ];
}

/** The plan every check passes. */
export function cleanPlan(): PlanView {
  const resources: PlannedResource[] = [...storage(), ...keyAndTopics(), ...queuesAndEdge(), ...functions()];
  return {
    resources,
    outputs: {
      uploads_bucket: 'p-uploads',
      renditions_bucket: 'p-renditions',
      images_table: 'p-images',
      idempotency_table: 'p-images-idempotency',
      counters_table: 'p-images-bucket-counters',
      near_duplicates_table: 'p-images-near-duplicates',
      events_topic_arn: ARNS.events,
      notifications_topic_arn: ARNS.notifications,
      user_pool_id: 'us-east-1_pool',
      mail_from: 'no-reply@example.com',
    },
    variables: { name_prefix: PREFIX, reserved_concurrency_enabled: false },
  };
}

/** The two buckets and the four tables. */
function storage(): PlannedResource[] {
  return [
    ...bucket('uploads'),
    ...bucket('renditions'),
    r('aws_dynamodb_table', 'images', {
      name: 'p-images',
      arn: ARNS.images,
      server_side_encryption: [{ enabled: true }],
      point_in_time_recovery: [{ enabled: true }],
      deletion_protection_enabled: true,
    }),
    table('idempotency', 'p-images-idempotency', ARNS.idempotency),
    table('counters', 'p-images-bucket-counters', ARNS.counters),
    table('near_duplicates', 'p-images-near-duplicates', ARNS.nearDuplicates),
  ];
}

/** A table with encryption and deletion protection, without point-in-time recovery (rebuildable). */
function table(address: string, name: string, arn: string): PlannedResource {
  const values = {
    name,
    arn,
    server_side_encryption: [{ enabled: true }],
    deletion_protection_enabled: true,
  };
  return r('aws_dynamodb_table', address, values);
}

/** The events key and the two topics with their policies. */
function keyAndTopics(): PlannedResource[] {
  return [
    r('aws_kms_key', 'events', {
      arn: ARNS.key,
      key_id: '1111',
      enable_key_rotation: true,
      policy: policy([
        {
          Sid: 'AccountAdministers',
          Action: 'kms:*',
          Resource: '*',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        },
        {
          Sid: 'ServicesEncrypt',
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Resource: '*',
          Principal: { Service: ['s3.amazonaws.com', 'sns.amazonaws.com'] },
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
        },
      ]),
    }),
    r('aws_sns_topic', 'events', { name: 'p-image-events', arn: ARNS.events, kms_master_key_id: ARNS.key }),
    r('aws_sns_topic', 'notifications', {
      name: 'p-image-notifications',
      arn: ARNS.notifications,
      kms_master_key_id: ARNS.key,
      // The default topic policy AWS gives a topic: anyone of this account.
      policy: policy([
        {
          Action: ['SNS:Publish', 'SNS:Subscribe'],
          Resource: ARNS.notifications,
          Principal: { AWS: '*' },
          Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
        },
      ]),
    }),
    r('aws_sns_topic_policy', 'events', {
      arn: ARNS.events,
      policy: policy([
        {
          Action: 'SNS:Publish',
          Resource: ARNS.events,
          Principal: { Service: 's3.amazonaws.com' },
          Condition: { ArnLike: { 'aws:SourceArn': ARNS.uploads } },
        },
      ]),
    }),
  ];
}

/** The ingest queue and its DLQ, the user pool, the mail identity and the API stage with its logs. */
function queuesAndEdge(): PlannedResource[] {
  return [
    r('aws_sqs_queue', 'ingest', {
      name: 'p-ingest',
      arn: ARNS.ingestQueue,
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 345600,
      redrive_policy: JSON.stringify({ deadLetterTargetArn: ARNS.ingestDlq, maxReceiveCount: 5 }),
      policy: policy([
        {
          Action: 'sqs:SendMessage',
          Resource: ARNS.ingestQueue,
          Principal: { Service: 'sns.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': ARNS.events } },
        },
      ]),
    }),
    r('aws_sqs_queue', 'ingest_dlq', {
      name: 'p-ingest-dlq',
      arn: ARNS.ingestDlq,
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1209600,
      redrive_policy: '',
    }),
    r('aws_cognito_user_pool', 'users', {
      id: 'us-east-1_pool',
      arn: ARNS.pool,
      name: 'p-users',
      deletion_protection: 'ACTIVE',
    }),
    r('aws_ses_email_identity', 'sender', { email: 'no-reply@example.com', arn: ARNS.mail }),
    r('aws_cloudwatch_log_group', 'api', {
      name: '/aws/apigateway/p-api',
      arn: ARNS.apiLogs,
      retention_in_days: 14,
    }),
    r('aws_apigatewayv2_stage', 'default', {
      access_log_settings: [{ destination_arn: ARNS.apiLogs }],
      default_route_settings: [{ throttling_rate_limit: 50, throttling_burst_limit: 100 }],
    }),
  ];
}

/** Three functions with their roles, one queue mapping and one schedule permission. */
function functions(): PlannedResource[] {
  return [
    ...fn('ingest', [
      {
        Sid: 'OwnQueue',
        Action: [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:ChangeMessageVisibility',
        ],
        Resource: ARNS.ingestQueue,
      },
      { Sid: 'UploadsRead', Action: 's3:GetObject', Resource: `${ARNS.uploads}/uploads/*` },
      { Sid: 'UploadsList', Action: 's3:ListBucket', Resource: ARNS.uploads },
      { Sid: 'ImagesRead', Action: 'dynamodb:GetItem', Resource: ARNS.images },
      { Sid: 'ImagesCreate', Action: 'dynamodb:PutItem', Resource: ARNS.images },
      { Sid: 'ImagesWrite', Action: 'dynamodb:UpdateItem', Resource: ARNS.images },
      { Sid: 'EventsPublish', Action: 'sns:Publish', Resource: ARNS.events },
      { Sid: 'EventsEncrypt', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: ARNS.key },
    ]),
    r('aws_lambda_event_source_mapping', 'ingest', {
      function_name: ARNS.lambda('ingest'),
      event_source_arn: ARNS.ingestQueue,
      enabled: true,
      scaling_config: [{ maximum_concurrency: 10 }],
    }),
    ...fn('bucket-metrics', [
      { Sid: 'UploadsList', Action: 's3:ListBucket', Resource: ARNS.uploads },
      { Sid: 'RenditionsList', Action: 's3:ListBucket', Resource: ARNS.renditions },
      {
        Sid: 'MetricsPut',
        Action: 'cloudwatch:PutMetricData',
        Resource: '*',
        Condition: { StringEquals: { 'cloudwatch:namespace': ['CustomS3', 'ImagePipeline'] } },
      },
    ]),
    ...fn('notify', [
      {
        Sid: 'MailSend',
        Action: 'ses:SendEmail',
        Resource: ARNS.mailIdentities,
        Condition: { StringEquals: { 'ses:FromAddress': 'no-reply@example.com' } },
      },
    ]),
    r('aws_lambda_permission', 'schedule', {
      function_name: 'p-bucket-metrics',
      principal: 'events.amazonaws.com',
      source_arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/p-bucket-metrics`,
    }),
  ];
}
