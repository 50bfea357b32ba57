import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '@pipeline/aws';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { serviceName as resolveServiceName } from './queue-deps.js';

/** Options of {@link scheduledHandler}. */
export interface ScheduledHandlerOptions<D, Result> {
  /** Logger service name, unless POWERTOOLS_SERVICE_NAME is set. */
  serviceName: string;
  /** The service's deps (only the clients it uses), made once at module load with the function's logger. */
  deps: (logger: Log) => D;
  /** One scheduled run. */
  service: (deps: D) => Promise<Result>;
}

/**
 * The handler of an EventBridge schedule: creates the logger and deps once at
 * module load, then runs the service once per invocation. An error is not
 * caught: the invoke fails and EventBridge retries it.
 */
export function scheduledHandler<D, Result>(
  options: ScheduledHandlerOptions<D, Result>,
): (event: ScheduledEvent, context: Context) => Promise<Result> {
  const logger = new Logger({ serviceName: resolveServiceName(options.serviceName) });
  const deps = options.deps(logger);
  return async (event, context) => {
    logger.addContext(context);
    logger.debug('Scheduled run', { rule: event.resources?.[0], scheduledTime: event.time });
    return options.service(deps);
  };
}
