import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { createClient, createClients, readConfig } from '@pipeline/aws';
import { InvalidationBatch, readDistributionId } from '@pipeline/delivery';
import { sqsRecordHandler } from '@pipeline/events';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { processDeleteMessage } from './process-delete.js';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'delete' });
const clients = createClients(process.env, { logger });
const config = readConfig();
const cdn = {
  cloudfront: createClient(CloudFrontClient, 'cloudfront', process.env, { logger }),
  distributionId: readDistributionId(),
};
const processor = new BatchProcessor(EventType.SQS);

/**
 * SQS handler: each message succeeds or is listed in `batchItemFailures`. The
 * images the batch removed are purged from the CDN with one invalidation at the
 * end; if that fails, their messages are listed too (see InvalidationBatch).
 */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  const batch = new InvalidationBatch();
  const recordHandler = (record: SQSRecord) =>
    sqsRecordHandler(
      (body, log) =>
        processDeleteMessage(body, {
          clients,
          config,
          logger: log,
          onPurged: (imageId) => batch.add(record.messageId, imageId),
        }),
      logger,
    )(record);
  const response = await processPartialResponse(event, recordHandler, processor, {
    context,
    throwOnFullBatchFailure: false,
  });
  return batch.flush(cdn, response, context.awsRequestId, logger);
};
