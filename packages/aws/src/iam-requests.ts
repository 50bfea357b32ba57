import type { ArnScope, IamRequest, IamService } from './iam-request.js';
import { sesRequests } from './ses-requests.js';

type Input = Record<string, unknown>;

/**
 * The IAM requests one SDK call stands for, after AWS's service authorization
 * reference: one call may be several requests (CopyObject reads and writes,
 * DeleteObjects deletes each key, SES checks sender and every recipient).
 * Operations without a rule map to `<service>:<Operation>` on the most
 * specific resource the input names, so nothing goes unrecorded.
 */
export function iamRequests(
  service: IamService,
  operation: string,
  input: Input,
  scope: ArnScope,
): IamRequest[] {
  switch (service) {
    case 's3':
      return s3Requests(operation, input);
    case 'dynamodb':
      return dynamoRequests(operation, input, scope);
    case 'sns':
      return snsRequests(operation, input, scope);
    case 'ses':
      return sesRequests(operation, input, scope);
    case 'cognito-idp':
      return [
        {
          action: `cognito-idp:${operation}`,
          resource: `arn:aws:cognito-idp:${scope.region}:${scope.account}:userpool/${str(input.UserPoolId) ?? '*'}`,
        },
      ];
    case 'cloudwatch':
      return [
        {
          action: `cloudwatch:${operation}`,
          resource: '*',
          ...(str(input.Namespace)
            ? { context: { 'cloudwatch:namespace': str(input.Namespace) as string } }
            : {}),
        },
      ];
    case 'cloudfront':
      // CloudFront is global: its ARNs carry the account and no region.
      return [
        {
          action: `cloudfront:${operation}`,
          resource: `arn:aws:cloudfront::${scope.account}:distribution/${str(input.DistributionId) ?? '*'}`,
        },
      ];
    case 'sqs': {
      const queue = str(input.QueueUrl)?.split('/').pop() ?? '*';
      return [
        { action: `sqs:${operation}`, resource: `arn:aws:sqs:${scope.region}:${scope.account}:${queue}` },
      ];
    }
  }
}

function s3Requests(operation: string, input: Input): IamRequest[] {
  const bucket = str(input.Bucket) ?? '*';
  const object = (key: unknown) => `arn:aws:s3:::${bucket}/${str(key) ?? '*'}`;
  const sse = str(input.ServerSideEncryption);
  const withSse = (request: IamRequest): IamRequest =>
    sse ? { ...request, context: { ...request.context, 's3:x-amz-server-side-encryption': sse } } : request;
  switch (operation) {
    case 'GetObject':
    case 'HeadObject':
      return [{ action: 's3:GetObject', resource: object(input.Key) }];
    case 'PutObject':
    case 'CreateMultipartUpload':
    case 'UploadPart':
    case 'CompleteMultipartUpload':
      return [withSse({ action: 's3:PutObject', resource: object(input.Key) })];
    case 'DeleteObject':
      return [{ action: 's3:DeleteObject', resource: object(input.Key) }];
    case 'DeleteObjects': {
      const objects = ((input.Delete as { Objects?: { Key?: string }[] } | undefined)?.Objects ?? []).map(
        (entry) => ({ action: 's3:DeleteObject', resource: object(entry.Key) }),
      );
      return objects;
    }
    case 'CopyObject': {
      // CopySource is `bucket/key` (URL-encoded, maybe `?versionId=`), with or without a leading slash.
      const source = decodeURIComponent(
        (str(input.CopySource) ?? '*').replace(/^\//, '').split('?')[0] ?? '',
      );
      return [
        { action: 's3:GetObject', resource: `arn:aws:s3:::${source}` },
        withSse({ action: 's3:PutObject', resource: object(input.Key) }),
      ];
    }
    case 'ListObjects':
    case 'ListObjectsV2': {
      const context: Record<string, string> = { 's3:prefix': str(input.Prefix) ?? '' };
      if (str(input.Delimiter) !== undefined) context['s3:delimiter'] = str(input.Delimiter) as string;
      if (input.MaxKeys !== undefined) context['s3:max-keys'] = String(input.MaxKeys);
      return [{ action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}`, context }];
    }
    case 'HeadBucket':
      return [{ action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}` }];
    case 'AbortMultipartUpload':
      return [{ action: 's3:AbortMultipartUpload', resource: object(input.Key) }];
    default:
      return [
        {
          action: `s3:${operation}`,
          resource: input.Key === undefined ? `arn:aws:s3:::${bucket}` : object(input.Key),
        },
      ];
  }
}

/** Transact* items: the request each item is authorized as. */
const TRANSACT_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

function dynamoRequests(operation: string, input: Input, scope: ArnScope): IamRequest[] {
  const table = (name: unknown) =>
    `arn:aws:dynamodb:${scope.region}:${scope.account}:table/${str(name) ?? '*'}`;
  switch (operation) {
    case 'Query':
    case 'Scan': {
      const index = str(input.IndexName);
      return [
        {
          action: `dynamodb:${operation}`,
          resource: index ? `${table(input.TableName)}/index/${index}` : table(input.TableName),
        },
      ];
    }
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys((input.RequestItems as Input | undefined) ?? {}).map((name) => ({
        action: `dynamodb:${operation}`,
        resource: table(name),
      }));
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return ((input.TransactItems as Record<string, { TableName?: string }>[] | undefined) ?? []).flatMap(
        (item) =>
          Object.entries(item).flatMap(([kind, detail]) => {
            const action = TRANSACT_ACTIONS[kind];
            return action ? [{ action, resource: table(detail?.TableName) }] : [];
          }),
      );
    default:
      return [{ action: `dynamodb:${operation}`, resource: table(input.TableName) }];
  }
}

function snsRequests(operation: string, input: Input, scope: ArnScope): IamRequest[] {
  const resource =
    str(input.TopicArn) ?? str(input.TargetArn) ?? `arn:aws:sns:${scope.region}:${scope.account}:*`;
  const action = operation === 'PublishBatch' ? 'sns:Publish' : `sns:${operation}`;
  return [{ action, resource }];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
