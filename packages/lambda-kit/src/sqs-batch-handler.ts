import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { ServiceDeps } from '@pipeline/aws';
import { sqsRecordHandler } from '@pipeline/events';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createQueueDeps, type QueueDeps, serviceName as resolveServiceName } from './queue-deps.js';

/** What a function adds around one batch (see {@link SqsBatchHandlerOptions.onBatch}). */
export interface BatchScope<D> {
  /** The deps one message's service receives, e.g. a callback bound to its `messageId`. */
  depsFor?: (record: SQSRecord, deps: D) => D;
  /** Runs once the batch is done; may list more messages as failed. */
  after?: (response: SQSBatchResponse) => Promise<SQSBatchResponse>;
}

/** Options of {@link sqsBatchHandler}. */
export interface SqsBatchHandlerOptions<Request, Outcome, D extends ServiceDeps> {
  /** Logger and metrics service name, unless POWERTOOLS_SERVICE_NAME is set. */
  serviceName: string;
  /** Parse step: one SQS record -> the typed request; throws a PermanentError for a message to drop. */
  parse: (record: SQSRecord) => Request;
  /** The service: handles one request with its deps; a PermanentError acknowledges, anything else retries. */
  service: (request: Request, deps: D) => Promise<Outcome>;
  /** The service's deps: {@link QueueDeps} plus what it adds (more clients, a CDN, function config), made once at load. */
  deps?: (base: QueueDeps) => NoInfer<D>;
  /** Counts what one message did into the function's metrics (called only when the service returned). */
  countOutcome?: (
    outcome: NoInfer<Outcome>,
    request: NoInfer<Request>,
    metrics: Metrics,
    elapsedMs: number,
  ) => void;
  /** Per invocation: what to add around the batch (per-message deps, a step after it). */
  onBatch?: (context: Context, deps: NoInfer<D>) => BatchScope<NoInfer<D>>;
}

/** A queue function's Lambda handler. */
export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * The handler of a queue function: creates the logger, clients, config,
 * images store and metrics once at module load, then per invocation runs every
 * message through `parse` and `service` with Powertools' BatchProcessor. Each
 * message gets a child logger; a PermanentError is logged and acknowledged,
 * any other error lists the message in `batchItemFailures` (never the whole
 * invocation failing: `throwOnFullBatchFailure` is off, so SQS retries only
 * those messages). Metrics are printed as one EMF line after the batch, and
 * only when something was counted (so no empty line and no Powertools warning).
 */
export function sqsBatchHandler<Request, Outcome, D extends ServiceDeps = QueueDeps>(
  options: SqsBatchHandlerOptions<Request, Outcome, D>,
): SqsBatchHandler {
  const name = resolveServiceName(options.serviceName);
  const logger = new Logger({ serviceName: name });
  const base = createQueueDeps(name, logger);
  // Without `deps`, the service's deps must be a subset of QueueDeps (every service here asks for less).
  const deps = options.deps ? options.deps(base) : (base as unknown as D);
  const processor = new BatchProcessor(EventType.SQS);

  const run = async (record: SQSRecord, log: ServiceDeps['logger'], scope: BatchScope<D>) => {
    const started = performance.now();
    const request = options.parse(record);
    const messageDeps = { ...deps, logger: log };
    const outcome = await options.service(request, scope.depsFor?.(record, messageDeps) ?? messageDeps);
    options.countOutcome?.(outcome, request, base.metrics, performance.now() - started);
    return outcome;
  };

  return async (event, context) => {
    logger.addContext(context);
    const scope = options.onBatch?.(context, deps) ?? {};
    // The parse step gets the whole record (metadata reads a message attribute), so it is bound per record.
    const recordHandler = (record: SQSRecord) =>
      sqsRecordHandler((_body, log) => run(record, log, scope), logger)(record);
    try {
      const response = await processPartialResponse(event, recordHandler, processor, {
        context,
        throwOnFullBatchFailure: false,
      });
      return scope.after ? await scope.after(response) : response;
    } finally {
      if (base.metrics.hasStoredMetrics()) base.metrics.publishStoredMetrics();
    }
  };
}
