import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createClient, createClients, readConfig } from '@pipeline/aws';
import { sqsRecordHandler } from '@pipeline/events';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createIdempotency } from './idempotency.js';
import { createMailer } from './mailer.js';
import { readMailerConfig } from './mailer-config.js';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'mailer';
const logger = new Logger({ serviceName });
// EMF lines on stdout: CloudWatch Logs turns them into metrics, no PutMetricData call (dimension: service).
const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'ImagePipeline',
  serviceName,
});
const mail = readMailerConfig();
const options = { logger };
const deps = {
  clients: createClients(process.env, options),
  config: readConfig(),
  logger,
  mail,
  ses: createClient(SESv2Client, 'ses', process.env, options),
  cognito: createClient(CognitoIdentityProviderClient, 'cognito', process.env, options),
  metrics,
};
const idempotency = createIdempotency(
  mail.idempotencyTable,
  createClient(DynamoDBClient, 'dynamodb', process.env, options),
);
const mailer = createMailer(deps, idempotency);
const processor = new BatchProcessor(EventType.SQS);
const recordHandler = sqsRecordHandler(mailer, logger);

/** SQS handler: each message succeeds or is listed in `batchItemFailures`. */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  // In-progress idempotency records then expire with this invocation's deadline (see createIdempotency).
  idempotency.config.registerLambdaContext(context);
  try {
    return await processPartialResponse(event, recordHandler, processor, {
      context,
      throwOnFullBatchFailure: false,
    });
  } finally {
    // One EMF line per invocation; none (and no Powertools warning) when nothing was counted.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
