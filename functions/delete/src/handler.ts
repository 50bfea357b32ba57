import { type Cdn, InvalidationBatch } from '@pipeline/delivery';
import { sqsBatchHandler } from '@pipeline/lambda-kit';
import { withCdn } from '@pipeline/lambda-kit/cdn';
import { type DeleteDeps, type DeleteOutcome, deleteImages } from './delete-image.js';
import { type DeleteRequest, parseDeleteMessage } from './delete-message.js';

/**
 * SQS handler: each message succeeds or is listed in `batchItemFailures`. The
 * images the batch removed are purged from the CDN with one invalidation at the
 * end; if that fails, their messages are listed too (see InvalidationBatch).
 */
export const handler = sqsBatchHandler<DeleteRequest, DeleteOutcome[], DeleteDeps & { cdn: Cdn }>({
  serviceName: 'delete',
  parse: parseDeleteMessage,
  service: deleteImages,
  deps: withCdn,
  onBatch: (context, deps) => {
    const batch = new InvalidationBatch();
    return {
      depsFor: (record, messageDeps) => ({
        ...messageDeps,
        onPurged: (imageId: string) => batch.add(record.messageId, imageId),
      }),
      after: (response) => batch.flush(deps.cdn, response, context.awsRequestId, deps.logger),
    };
  },
});
