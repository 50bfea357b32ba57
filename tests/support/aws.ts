import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Credentials moto accepts; never real ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** SDK clients pointed at the suite's moto server. */
export function testClients(endpoint: string, region = 'us-east-1') {
  const common = { endpoint, region, credentials: LOCAL_CREDENTIALS };
  return {
    s3: new S3Client({ ...common, forcePathStyle: true }),
    sns: new SNSClient(common),
    sqs: new SQSClient(common),
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient(common)),
  };
}

export type TestClients = ReturnType<typeof testClients>;

/** Environment for the real `aws` CLI against moto. */
export function cliEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: endpoint,
    AWS_PAGER: '',
  };
}
