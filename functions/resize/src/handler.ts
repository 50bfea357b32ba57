import { configureSharp } from '@pipeline/imaging';
import { sqsBatchHandler } from '@pipeline/lambda-kit';
import { countResizeRequest, handleResizeRequest } from './handle-resize-request.js';
import { readRenditionConfig } from './rendition-config.js';
import { parseResizeMessage } from './resize-message.js';

configureSharp();

/**
 * SQS handler: each image.accepted (or image.rerender_requested) message
 * succeeds or is listed in `batchItemFailures`. The rendition profile is read
 * once, at load: a bad RENDITION_PROFILE fails the function before any image.
 */
export const handler = sqsBatchHandler({
  serviceName: 'resize',
  parse: parseResizeMessage,
  service: handleResizeRequest,
  countOutcome: countResizeRequest,
  deps: (base) => ({ ...base, renditions: readRenditionConfig() }),
});
