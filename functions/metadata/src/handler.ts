import { sqsBatchHandler } from '@pipeline/lambda-kit';
import { applyMetadata } from './apply-metadata.js';
import { parseMetadataRecord } from './metadata-message.js';

/** SQS handler: each metadata message succeeds or is listed in `batchItemFailures`. */
export const handler = sqsBatchHandler({
  serviceName: 'metadata',
  parse: parseMetadataRecord,
  service: applyMetadata,
});
