import { configureSharp } from '@pipeline/imaging';
import { sqsBatchHandler } from '@pipeline/lambda-kit';
import { resizeImage } from './resize-image.js';
import { parseResizeMessage } from './resize-message.js';
import { countResizeOutcome } from './resize-metrics.js';

configureSharp();

/** SQS handler: each image.accepted message succeeds or is listed in `batchItemFailures`. */
export const handler = sqsBatchHandler({
  serviceName: 'resize',
  parse: parseResizeMessage,
  service: resizeImage,
  countOutcome: countResizeOutcome,
});
