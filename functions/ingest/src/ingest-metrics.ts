import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { IngestOutcome } from './ingest-outcome.js';

/** Counts what one ingest message did into the function's metrics (see the kit's `countOutcome`). */
export function countIngestOutcomes(
  outcomes: readonly IngestOutcome[],
  _records: unknown,
  metrics: Metrics,
): void {
  for (const outcome of outcomes) {
    // Counted when it happens, not on redeliveries ('republished', 'duplicate').
    if (outcome === 'accepted') metrics.addMetric('ImagesAccepted', MetricUnit.Count, 1);
    if (outcome === 'rejected') metrics.addMetric('ImagesRejected', MetricUnit.Count, 1);
  }
}
