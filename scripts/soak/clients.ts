/**
 * SDK clients of the soak itself (the uploader and the checker), pointed at
 * the local moto server with test credentials. No fault injection here: the
 * faults are the functions' (PIPELINE_FAULTS), never the observer's.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface SoakClients {
  s3: S3Client;
  sns: SNSClient;
  sqs: SQSClient;
  dynamo: DynamoDBDocumentClient;
  /** Closes every client's sockets. */
  destroy(): void;
}

/** Clients for the moto server at `endpoint`. */
export function soakClients(endpoint: string, region: string): SoakClients {
  const common = {
    endpoint,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // The uploader runs several requests at once against a busy local server: retry what it drops.
    maxAttempts: 5,
  };
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
