import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createClients, readConfig, type ServiceDeps } from '@pipeline/aws';
import { ImagesStore } from '@pipeline/store';

/**
 * What every queue function's service can receive, made once at module load
 * by {@link sqsBatchHandler}: the pipeline's clients and config, the images
 * store over them, the function's EMF metrics, and (per message) a child logger.
 */
export interface QueueDeps extends ServiceDeps {
  store: ImagesStore;
  /** EMF metrics (dimension: service); the kit prints them after each batch that stored any. */
  metrics: Metrics;
}

/** Creates the {@link QueueDeps} of `serviceName` from the environment. */
export function createQueueDeps(serviceName: string, logger: Logger): QueueDeps {
  const clients = createClients(process.env, { logger });
  const config = readConfig();
  return {
    clients,
    config,
    logger,
    store: new ImagesStore(clients.dynamo, config.imagesTable),
    // EMF lines on stdout: CloudWatch Logs turns them into metrics, no PutMetricData call.
    metrics: new Metrics({
      namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'ImagePipeline',
      serviceName,
    }),
  };
}

/** The service name a function logs and counts under: POWERTOOLS_SERVICE_NAME, else `name`. */
export function serviceName(name: string): string {
  return process.env.POWERTOOLS_SERVICE_NAME ?? name;
}
