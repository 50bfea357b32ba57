import { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { createClient } from '@pipeline/aws';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { type BucketMetricsSummary, collectBucketMetrics } from './collect-bucket-metrics.js';
import { readBucketMetricsConfig } from './config.js';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bucket-metrics' });
// Only the clients it uses: createClients would bundle SNS, SQS and DynamoDB too.
const s3 = createClient(S3Client, 's3', process.env, { logger });
const cloudwatch = createClient(CloudWatchClient, 'cloudwatch', process.env, { logger });
const config = readBucketMetricsConfig();

/** EventBridge schedule handler: one run puts every bucket metric; a failure throws so the invoke is retried. */
export const handler = async (event: ScheduledEvent, context: Context): Promise<BucketMetricsSummary> => {
  logger.addContext(context);
  logger.debug('Scheduled run', { rule: event.resources?.[0], scheduledTime: event.time });
  return collectBucketMetrics({ s3, cloudwatch, config, logger });
};
