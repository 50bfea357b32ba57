import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { createClients, readConfig } from '@pipeline/aws';
import { sqsRecordHandler } from '@pipeline/events';
import { configureSharp } from '@pipeline/imaging';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { processResizeMessage } from './process-resize.js';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'resize';
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
  const started = performance.now();
  const outcome = await processResizeMessage(body, { clients, config, logger: log });
  if (outcome === 'processed') {
    metrics.addMetric('ImagesProcessed', MetricUnit.Count, 1);
    // Read, decode, encode, write renditions, mark PROCESSED: the work per image.
    metrics.addMetric(
      'ProcessingMilliseconds',
      MetricUnit.Milliseconds,
      Math.round(performance.now() - started),
    );
    // From ingest accepting the upload (image.accepted's occurredAt) to PROCESSED, queue wait included.
    const acceptedAt = Date.parse((JSON.parse(body) as { occurredAt?: string }).occurredAt ?? '');
    if (Number.isFinite(acceptedAt)) {
      metrics.addMetric('AcceptedToProcessedMilliseconds', MetricUnit.Milliseconds, Date.now() - acceptedAt);
    }
  }
  if (outcome === 'rejected') metrics.addMetric('ImagesRejected', MetricUnit.Count, 1);
  return outcome;
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
