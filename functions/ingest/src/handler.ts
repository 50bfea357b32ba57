import { configureSharp } from '@pipeline/imaging';
import { sqsBatchHandler } from '@pipeline/lambda-kit';
import { parseIngestMessage } from './ingest-message.js';
import { countIngestOutcomes } from './ingest-metrics.js';
import { ingestUploads } from './ingest-upload.js';

configureSharp();

/** SQS handler: each S3 event message succeeds or is listed in `batchItemFailures`. */
export const handler = sqsBatchHandler({
  serviceName: 'ingest',
  parse: parseIngestMessage,
  service: ingestUploads,
  countOutcome: countIngestOutcomes,
});
