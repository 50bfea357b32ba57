import { describe, expect, it } from 'vitest';
import { iamRequests } from '../src/iam-requests.js';

const scope = { region: 'eu-west-1', account: '111122223333' };

describe('iamRequests', () => {
  describe('s3', () => {
    it('maps object reads, writes and deletes to the object ARN', () => {
      expect(iamRequests('s3', 'GetObject', { Bucket: 'b', Key: 'k/a.jpg' }, scope)).toEqual([
        { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k/a.jpg' },
      ]);
      expect(iamRequests('s3', 'HeadObject', { Bucket: 'b', Key: 'k' }, scope)[0]?.action).toBe(
        's3:GetObject',
      );
      expect(iamRequests('s3', 'DeleteObject', { Bucket: 'b', Key: 'k' }, scope)[0]?.action).toBe(
        's3:DeleteObject',
      );
    });

    it('adds the encryption condition key when PutObject sets ServerSideEncryption', () => {
      expect(
        iamRequests('s3', 'PutObject', { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms' }, scope),
      ).toEqual([
        {
          action: 's3:PutObject',
          resource: 'arn:aws:s3:::b/k',
          context: { 's3:x-amz-server-side-encryption': 'aws:kms' },
        },
      ]);
    });

    it('maps DeleteObjects to one s3:DeleteObject per key', () => {
      const input = { Bucket: 'b', Delete: { Objects: [{ Key: 'x' }, { Key: 'y' }] } };
      expect(iamRequests('s3', 'DeleteObjects', input, scope)).toEqual([
        { action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/x' },
        { action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/y' },
      ]);
    });

    it('maps CopyObject to a read of the source and a write of the target', () => {
      const input = { Bucket: 't', Key: 'new', CopySource: '/s/a%20b.jpg?versionId=1' };
      expect(iamRequests('s3', 'CopyObject', input, scope)).toEqual([
        { action: 's3:GetObject', resource: 'arn:aws:s3:::s/a b.jpg' },
        { action: 's3:PutObject', resource: 'arn:aws:s3:::t/new' },
      ]);
    });

    it('maps listing to s3:ListBucket on the bucket with the prefix condition keys', () => {
      expect(iamRequests('s3', 'ListObjectsV2', { Bucket: 'b' }, scope)).toEqual([
        { action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:prefix': '' } },
      ]);
      const input = { Bucket: 'b', Prefix: 'uploads/', Delimiter: '/', MaxKeys: 10 };
      expect(iamRequests('s3', 'ListObjects', input, scope)[0]?.context).toEqual({
        's3:prefix': 'uploads/',
        's3:delimiter': '/',
        's3:max-keys': '10',
      });
      expect(iamRequests('s3', 'HeadBucket', { Bucket: 'b' }, scope)).toEqual([
        { action: 's3:ListBucket', resource: 'arn:aws:s3:::b' },
      ]);
    });

    it('maps multipart uploads to s3:PutObject and s3:AbortMultipartUpload', () => {
      for (const operation of ['CreateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload']) {
        expect(iamRequests('s3', operation, { Bucket: 'b', Key: 'k' }, scope)[0]?.action).toBe(
          's3:PutObject',
        );
      }
      expect(iamRequests('s3', 'AbortMultipartUpload', { Bucket: 'b', Key: 'k' }, scope)[0]?.action).toBe(
        's3:AbortMultipartUpload',
      );
    });

    it('records an unmapped operation as s3:<Operation> on the object or bucket', () => {
      expect(iamRequests('s3', 'GetObjectTagging', { Bucket: 'b', Key: 'k' }, scope)).toEqual([
        { action: 's3:GetObjectTagging', resource: 'arn:aws:s3:::b/k' },
      ]);
      expect(iamRequests('s3', 'GetBucketTagging', { Bucket: 'b' }, scope)).toEqual([
        { action: 's3:GetBucketTagging', resource: 'arn:aws:s3:::b' },
      ]);
    });
  });
});

describe('iamRequests', () => {
  describe('dynamodb', () => {
    const table = 'arn:aws:dynamodb:eu-west-1:111122223333:table';

    it('maps item operations to the table ARN', () => {
      for (const operation of ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem']) {
        expect(iamRequests('dynamodb', operation, { TableName: 'images' }, scope)).toEqual([
          { action: `dynamodb:${operation}`, resource: `${table}/images` },
        ]);
      }
    });

    it('adds /index/<name> for a Query or Scan of an index', () => {
      expect(iamRequests('dynamodb', 'Query', { TableName: 'images', IndexName: 'by-owner' }, scope)).toEqual(
        [{ action: 'dynamodb:Query', resource: `${table}/images/index/by-owner` }],
      );
      expect(iamRequests('dynamodb', 'Scan', { TableName: 'images' }, scope)[0]?.resource).toBe(
        `${table}/images`,
      );
    });

    it('maps batch operations to one request per table', () => {
      const input = { RequestItems: { a: [], b: [] } };
      expect(iamRequests('dynamodb', 'BatchWriteItem', input, scope)).toEqual([
        { action: 'dynamodb:BatchWriteItem', resource: `${table}/a` },
        { action: 'dynamodb:BatchWriteItem', resource: `${table}/b` },
      ]);
    });

    it('maps transactions to the per-item actions', () => {
      const input = {
        TransactItems: [
          { Put: { TableName: 'a' } },
          { Update: { TableName: 'b' } },
          { ConditionCheck: { TableName: 'a' } },
          { Delete: { TableName: 'c' } },
        ],
      };
      expect(iamRequests('dynamodb', 'TransactWriteItems', input, scope).map((r) => r.action)).toEqual([
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
      ]);
      expect(
        iamRequests('dynamodb', 'TransactGetItems', { TransactItems: [{ Get: { TableName: 'a' } }] }, scope),
      ).toEqual([{ action: 'dynamodb:GetItem', resource: `${table}/a` }]);
    });
  });
});

describe('iamRequests', () => {
  it('maps SNS Publish and PublishBatch to sns:Publish on the topic', () => {
    const TopicArn = 'arn:aws:sns:eu-west-1:111122223333:image-events';
    for (const operation of ['Publish', 'PublishBatch']) {
      expect(iamRequests('sns', operation, { TopicArn }, scope)).toEqual([
        { action: 'sns:Publish', resource: TopicArn },
      ]);
    }
  });

  it('maps Cognito calls to the user pool ARN', () => {
    expect(iamRequests('cognito-idp', 'ListUsers', { UserPoolId: 'eu-west-1_abc' }, scope)).toEqual([
      {
        action: 'cognito-idp:ListUsers',
        resource: 'arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_abc',
      },
    ]);
  });

  it('maps PutMetricData to * with the namespace condition key', () => {
    expect(iamRequests('cloudwatch', 'PutMetricData', { Namespace: 'CustomS3' }, scope)).toEqual([
      { action: 'cloudwatch:PutMetricData', resource: '*', context: { 'cloudwatch:namespace': 'CustomS3' } },
    ]);
  });

  it('maps SQS calls to the queue named by QueueUrl', () => {
    const QueueUrl = 'http://localhost:4566/111122223333/mail-queue';
    expect(iamRequests('sqs', 'SendMessage', { QueueUrl }, scope)).toEqual([
      { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:eu-west-1:111122223333:mail-queue' },
    ]);
  });

  describe('ses', () => {
    const identity = 'arn:aws:ses:eu-west-1:111122223333:identity';
    const raw = (text: string) => ({ Raw: { Data: new TextEncoder().encode(text) } });

    it('checks the sender and every recipient of a raw message, as the sandbox does', () => {
      const input = {
        FromEmailAddress: 'Image Pipeline <no-reply@example.com>',
        Content: raw(
          'From: Image Pipeline <no-reply@example.com>\r\nTo: "Doe, Jane" <jane@example.com>,\r\n bob@example.com\r\nCc: c@example.com\r\nSubject: Hi\r\n\r\nTo: not-a-header@example.com\r\n',
        ),
      };
      const context = {
        'ses:FromAddress': 'no-reply@example.com',
        'ses:Recipients': ['jane@example.com', 'bob@example.com', 'c@example.com'],
        'ses:FromDisplayName': 'Image Pipeline',
      };
      expect(iamRequests('ses', 'SendEmail', input, scope)).toEqual([
        { action: 'ses:SendEmail', resource: `${identity}/no-reply@example.com`, context, role: 'sender' },
        { action: 'ses:SendEmail', resource: `${identity}/jane@example.com`, context, role: 'recipient' },
        { action: 'ses:SendEmail', resource: `${identity}/bob@example.com`, context, role: 'recipient' },
        { action: 'ses:SendEmail', resource: `${identity}/c@example.com`, context, role: 'recipient' },
      ]);
    });

    it('takes the recipients from Destination when given, and checks the configuration set', () => {
      const input = {
        FromEmailAddress: 'no-reply@example.com',
        Destination: { ToAddresses: ['a@example.com'], BccAddresses: ['b@example.com'] },
        Content: { Simple: {} },
        ConfigurationSetName: 'pipeline-mail',
      };
      const requests = iamRequests('ses', 'SendEmail', input, scope);
      expect(requests.map((r) => [r.resource, r.role])).toEqual([
        [`${identity}/no-reply@example.com`, 'sender'],
        [`${identity}/a@example.com`, 'recipient'],
        [`${identity}/b@example.com`, 'recipient'],
        ['arn:aws:ses:eu-west-1:111122223333:configuration-set/pipeline-mail', undefined],
      ]);
      expect(requests[0]?.context).toEqual({
        'ses:FromAddress': 'no-reply@example.com',
        'ses:Recipients': ['a@example.com', 'b@example.com'],
      });
    });
  });
});
