import { sqsBatchHandler } from '@pipeline/lambda-kit';
import { parseIngestMessage } from './ingest-message.js';
import { countIngestOutcomes } from './ingest-metrics.js';
import { ingestUploads } from './ingest-upload.js';

// No configureSharp() at load: ingest reads headers in TypeScript (see read-upload-header.ts) and
// loads sharp only for a HEIF upload; resize is where pixels are decoded.

/** SQS handler: each S3 event message succeeds or is listed in `batchItemFailures`. */
export const handler = sqsBatchHandler({
  serviceName: 'ingest',
  parse: parseIngestMessage,
  service: ingestUploads,
  countOutcome: countIngestOutcomes,
});
