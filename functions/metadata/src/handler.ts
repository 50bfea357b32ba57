import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { createClients, readConfig } from '@pipeline/aws';
import { sqsRecordHandler } from '@pipeline/events';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { applyMetadataMessage } from './apply-metadata.js';
import { metadataTypeOf } from './metadata-message.js';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'metadata' });
const clients = createClients(process.env, { logger });
const config = readConfig();
const processor = new BatchProcessor(EventType.SQS);

// The field to set travels as a message attribute, which sqsRecordHandler does not pass
// to the service (it hands over the body only), so the attribute is bound per record.
const recordHandler = (record: SQSRecord) =>
  sqsRecordHandler(
    (body, log) =>
      applyMetadataMessage({ body, metadataType: metadataTypeOf(record) }, { clients, config, logger: log }),
    logger,
  )(record);

/** SQS handler: each message succeeds or is listed in `batchItemFailures`. */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
};
