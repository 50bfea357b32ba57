/**
 * List prices of the requests an image costs besides Lambda (us-east-1,
 * S3 Standard, standard queues and topics, DynamoDB on-demand), and which
 * recorded call is which billing unit. Checked against the pricing pages on
 * 2026-12-02; the report states every price it uses.
 */

/** $ per billing unit. */
export const REQUEST_PRICES = {
  /** S3 Standard PUT, COPY, POST, LIST: $0.005 per 1,000 (https://aws.amazon.com/s3/pricing/). */
  s3Put: 0.005 / 1000,
  /** S3 Standard GET, SELECT and all other requests (HEAD): $0.0004 per 1,000; DELETE is free (same page). */
  s3Get: 0.0004 / 1000,
  /**
   * SQS standard queue: $0.40 per million requests after the free tier; each 64 KiB chunk of a
   * request's payload is one request, and a batch of up to 10 messages is one request
   * (https://aws.amazon.com/sqs/pricing/).
   */
  sqs: 0.4 / 1_000_000,
  /**
   * SNS standard topic: $0.50 per million publishes (64 KiB chunks); deliveries to SQS queues
   * are free on the SNS bill (https://aws.amazon.com/sns/pricing/).
   */
  snsPublish: 0.5 / 1_000_000,
  /**
   * DynamoDB on-demand, standard table class: $0.625 per million write request units, $0.125 per
   * million read request units, since the November 2024 price cut (https://aws.amazon.com/dynamodb/pricing/on-demand/).
   * One WRU writes up to 1 KB (a transactional write takes 2); one RRU is a strongly consistent
   * read of up to 4 KB (a transactional read takes 2).
   */
  dynamoWru: 0.625 / 1_000_000,
  dynamoRru: 0.125 / 1_000_000,
  /** SES outbound email: $0.10 per 1,000 emails (https://aws.amazon.com/ses/pricing/). */
  sesEmail: 0.1 / 1000,
} as const;

/** Billable units per image (or per call), by kind. */
export interface RequestUnits {
  s3Put: number;
  s3Get: number;
  sqs: number;
  snsPublish: number;
  dynamoWru: number;
  dynamoRru: number;
  sesEmail: number;
}

export const NO_UNITS: RequestUnits = {
  s3Put: 0,
  s3Get: 0,
  sqs: 0,
  snsPublish: 0,
  dynamoWru: 0,
  dynamoRru: 0,
  sesEmail: 0,
};

const S3_PUT_TIER = new Set([
  'PutObject',
  'CopyObject',
  'ListObjectsV2',
  'ListObjects',
  'ListObjectVersions',
  'CreateMultipartUpload',
  'UploadPart',
  'UploadPartCopy',
  'CompleteMultipartUpload',
  'PutObjectTagging',
]);
const S3_FREE = new Set(['DeleteObject', 'DeleteObjects', 'AbortMultipartUpload']);

/**
 * The billing units of one recorded call (packages/aws call recorder:
 * service, SDK operation, and the IAM requests it stands for, one per item
 * of a batch or transaction). Presigned URLs are made, not used, by the
 * function: no request. Services priced elsewhere or not per request
 * (Cognito by monthly active users, CloudWatch, CloudFront) give none here.
 * Item sizes are not known to the recorder: every write is taken as one
 * WRU (items up to 1 KB) and every read as one strongly consistent RRU.
 */
export function unitsOfCall(service: string, operation: string, items: number): Partial<RequestUnits> {
  const n = Math.max(1, items);
  if (operation.startsWith('Presigned')) return {};
  switch (service) {
    case 's3':
      if (S3_FREE.has(operation)) return {};
      return S3_PUT_TIER.has(operation) ? { s3Put: 1 } : { s3Get: 1 };
    case 'sqs':
      return { sqs: 1 };
    case 'sns':
      return operation === 'PublishBatch'
        ? { snsPublish: n }
        : operation === 'Publish'
          ? { snsPublish: 1 }
          : {};
    case 'ses':
      return /^Send(Raw)?Email$/.test(operation) ? { sesEmail: 1 } : {};
    case 'dynamodb':
      return dynamoUnits(operation, n);
    default:
      return {};
  }
}

function dynamoUnits(operation: string, items: number): Partial<RequestUnits> {
  switch (operation) {
    case 'GetItem':
    case 'Query':
    case 'Scan':
      return { dynamoRru: 1 };
    case 'BatchGetItem':
      return { dynamoRru: items };
    case 'TransactGetItems':
      return { dynamoRru: 2 * items };
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return { dynamoWru: 1 };
    case 'BatchWriteItem':
      return { dynamoWru: items };
    case 'TransactWriteItems':
      return { dynamoWru: 2 * items };
    default:
      return {};
  }
}

/** a + b × scale, unit by unit. */
export function addUnits(a: RequestUnits, b: Partial<RequestUnits>, scale = 1): RequestUnits {
  const sum = { ...a };
  for (const key of Object.keys(NO_UNITS) as (keyof RequestUnits)[]) sum[key] += (b[key] ?? 0) * scale;
  return sum;
}

/** $ of `units`, per service. */
export function requestDollars(units: RequestUnits): {
  s3: number;
  sqs: number;
  sns: number;
  dynamodb: number;
  ses: number;
} {
  const p = REQUEST_PRICES;
  return {
    s3: units.s3Put * p.s3Put + units.s3Get * p.s3Get,
    sqs: units.sqs * p.sqs,
    sns: units.snsPublish * p.snsPublish,
    dynamodb: units.dynamoWru * p.dynamoWru + units.dynamoRru * p.dynamoRru,
    ses: units.sesEmail * p.sesEmail,
  };
}
