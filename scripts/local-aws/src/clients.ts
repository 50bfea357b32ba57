import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_REGION, localClientConfig } from './credentials.ts';

export interface LocalClientOptions {
  /** Default us-east-1. */
  region?: string;
  /** SDK attempts per request (the SDK's default when unset). */
  maxAttempts?: number;
}

/** The S3, SNS, SQS and DynamoDB clients the tests and tools use against moto. */
export interface LocalClients {
  s3: S3Client;
  sns: SNSClient;
  sqs: SQSClient;
  dynamo: DynamoDBDocumentClient;
  /** Closes every client's sockets. */
  destroy(): void;
}

/** SDK clients pointed at the moto server at `endpoint`, with its test credentials. */
export function localClients(endpoint: string, options: LocalClientOptions = {}): LocalClients {
  const { region = LOCAL_REGION, maxAttempts } = options;
  const common = { ...localClientConfig(endpoint, region), ...(maxAttempts ? { maxAttempts } : {}) };
  const s3 = new S3Client({ ...common, forcePathStyle: true });
  const sns = new SNSClient(common);
  const sqs = new SQSClient(common);
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(common));
  return {
    s3,
    sns,
    sqs,
    dynamo,
    destroy() {
      for (const client of [s3, sns, sqs, dynamo]) client.destroy();
    },
  };
}
