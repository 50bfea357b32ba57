import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { createClients, readConfig } from '@pipeline/aws';
import { sqsRecordHandler } from '@pipeline/events';
import { configureSharp } from '@pipeline/imaging';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { processIngestMessage } from './process-ingest.js';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'ingest';
const logger = new Logger({ serviceName });
// EMF lines on stdout: CloudWatch Logs turns them into metrics, no PutMetricData call (dimension: service).
const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'ImagePipeline',
  serviceName,
});
configureSharp();
const clients = createClients(process.env, { logger });
const config = readConfig();
const processor = new BatchProcessor(EventType.SQS);
const recordHandler = sqsRecordHandler(async (body, log) => {
  const outcomes = await processIngestMessage(body, { clients, config, logger: log });
  for (const outcome of outcomes) {
    // Counted when it happens, not on redeliveries ('republished', 'duplicate').
    if (outcome === 'accepted') metrics.addMetric('ImagesAccepted', MetricUnit.Count, 1);
    if (outcome === 'rejected') metrics.addMetric('ImagesRejected', MetricUnit.Count, 1);
  }
  return outcomes;
}, logger);

/** SQS handler: each message succeeds or is listed in `batchItemFailures`. */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
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
