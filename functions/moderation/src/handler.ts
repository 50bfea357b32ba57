import { sqsBatchHandler } from '@pipeline/lambda-kit';
import { withCdn } from '@pipeline/lambda-kit/cdn';
import { parseModerationRecord } from './moderation-message.js';
import { recordReview } from './record-review.js';

/** SQS handler: each moderation message succeeds or is listed in `batchItemFailures`. */
export const handler = sqsBatchHandler({
  serviceName: 'moderation',
  parse: parseModerationRecord,
  service: recordReview,
  deps: withCdn,
});
