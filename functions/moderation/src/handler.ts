import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { createClient, createClients, readConfig } from '@pipeline/aws';
import { readDistributionId } from '@pipeline/delivery';
import { sqsRecordHandler } from '@pipeline/events';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { recordModerationMessage } from './record-review.js';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'moderation' });
const clients = createClients(process.env, { logger });
const config = readConfig();
const cdn = {
  cloudfront: createClient(CloudFrontClient, 'cloudfront', process.env, { logger }),
  distributionId: readDistributionId(),
};
const processor = new BatchProcessor(EventType.SQS);
const recordHandler = sqsRecordHandler(
  (body, log) => recordModerationMessage(body, { clients, config, logger: log, cdn }),
  logger,
);

/** SQS handler: each message succeeds or is listed in `batchItemFailures`. */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
};
