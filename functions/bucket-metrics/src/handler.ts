import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { createClient } from '@pipeline/aws';
import { scheduledHandler } from '@pipeline/lambda-kit';
import { collectBucketMetrics } from './collect-bucket-metrics.js';
import { readBucketMetricsConfig } from './config.js';

/** EventBridge schedule handler: one run puts every bucket metric; a failure throws so the invoke is retried. */
export const handler = scheduledHandler({
  serviceName: 'bucket-metrics',
  // Only the clients it uses: createClients would bundle SNS, SQS and DynamoDB too.
  deps: (logger) => ({
    s3: createClient(S3Client, 's3', process.env, { logger }),
    cloudwatch: createClient(CloudWatchClient, 'cloudwatch', process.env, { logger }),
    config: readBucketMetricsConfig(),
    logger,
  }),
  service: collectBucketMetrics,
});
