import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ImageAccepted } from '@pipeline/events';
import type { ResizeOutcome } from './resize-image.js';

/** Counts one resize into the function's metrics (see the kit's `countOutcome`). */
export function countResizeOutcome(
  outcome: ResizeOutcome,
  event: ImageAccepted,
  metrics: Metrics,
  elapsedMs: number,
): void {
  if (outcome === 'processed') {
    metrics.addMetric('ImagesProcessed', MetricUnit.Count, 1);
    // Read, decode, encode, write renditions, mark PROCESSED: the work per image.
    metrics.addMetric('ProcessingMilliseconds', MetricUnit.Milliseconds, Math.round(elapsedMs));
    // From ingest accepting the upload (image.accepted's occurredAt) to PROCESSED, queue wait included.
    const acceptedAt = Date.parse(event.occurredAt);
    if (Number.isFinite(acceptedAt)) {
      metrics.addMetric('AcceptedToProcessedMilliseconds', MetricUnit.Milliseconds, Date.now() - acceptedAt);
    }
  }
  if (outcome === 'rejected') metrics.addMetric('ImagesRejected', MetricUnit.Count, 1);
}
