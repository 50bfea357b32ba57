import { randomUUID } from 'node:crypto';
import type { Log } from '@pipeline/aws';
import type { Cdn } from './delivery-deps.js';
import { invalidateImages } from './invalidate-images.js';

/** A queue handler's answer: the messages SQS must deliver again. */
export interface BatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

/**
 * Collects, per SQS message, the images whose renditions a queue batch
 * removed, so the whole batch is purged from the CDN with one
 * CreateInvalidation (one wildcard path per image) instead of one call per
 * message: fewer requests, and fewer invalidations in progress against
 * CloudFront's limit of 15 wildcard paths.
 *
 * Create one per invocation; `add` while the messages run, then `flush`.
 */
export class InvalidationBatch {
  private readonly images = new Map<string, Set<string>>();

  /** Records that message `messageId` removed the renditions of `imageId`. */
  add(messageId: string, imageId: string): void {
    const ids = this.images.get(messageId) ?? new Set<string>();
    ids.add(imageId);
    this.images.set(messageId, ids);
  }

  /** Images recorded so far, each once. */
  imageIds(): string[] {
    return [...new Set([...this.images.values()].flatMap((ids) => [...ids]))];
  }

  /**
   * Invalidates the images of every message that succeeded. When CloudFront
   * refuses (TooManyInvalidationsInProgress, throttling, 5xx), those messages
   * are added to `response`'s failures: SQS delivers them again, the handler
   * (idempotent) finds nothing left to delete and invalidates again, and after
   * maxReceiveCount they dead-letter, where an alarm fires. Nothing is lost.
   *
   * @param reference - unique per invocation (the Lambda request id): the invalidation's CallerReference.
   * @returns `response`, with the messages whose invalidation failed added.
   */
  async flush(cdn: Cdn, response: BatchResponse, reference: string, logger: Log): Promise<BatchResponse> {
    const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
    const done = [...this.images.entries()].filter(([messageId]) => !failed.has(messageId));
    if (done.length === 0 || !cdn.distributionId) return response;
    const imageIds = [...new Set(done.flatMap(([, ids]) => [...ids]))];
    try {
      const invalidations = await invalidateImages(
        cdn.cloudfront,
        cdn.distributionId,
        imageIds,
        reference || randomUUID(),
      );
      logger.info('Renditions purged from the CDN', {
        images: imageIds.length,
        invalidations: invalidations.map((i) => i.id),
      });
      return response;
    } catch (error) {
      logger.error('CDN invalidation failed; SQS will retry the messages behind it', {
        error,
        images: imageIds.length,
      });
      return {
        batchItemFailures: [
          ...response.batchItemFailures,
          ...done.map(([messageId]) => ({ itemIdentifier: messageId })),
        ],
      };
    }
  }
}
