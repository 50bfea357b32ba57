import type {
  AbsoluteLocation,
  InitializeHandlerOptions,
  InitializeMiddleware,
  MiddlewareStack,
} from '@smithy/types';
import { ConfigError, InjectedFaultError } from './errors.js';

/** Service ids used in `PIPELINE_FAULTS` (`s3:GetObject=2`). */
export type FaultService =
  | 's3'
  | 'sns'
  | 'sqs'
  | 'dynamodb'
  | 'ses'
  | 'cognito'
  | 'cloudwatch'
  | 'cloudfront';

/** A parsed `PIPELINE_FAULTS` value. */
export interface FaultPlan {
  /** Fail the first N calls of `<service>:<Operation>`. */
  counts: Map<string, number>;
  /** Probability in [0, 1] that any call fails. */
  rate: number;
}

/** Mutable per-process state of a fault plan: calls seen per operation. */
export interface FaultState {
  plan: FaultPlan;
  seen: Map<string, number>;
  random: () => number;
}

const ENTRY = /^(s3|sns|sqs|dynamodb|ses|cognito|cloudwatch|cloudfront):([A-Za-z]+)=(\d+)$/;

/**
 * Parses `PIPELINE_FAULTS`: comma-separated `<service>:<Operation>=<n>`
 * entries and/or `rate=<0..1>`, e.g. `s3:GetObject=2,dynamodb:UpdateItem=1`.
 *
 * @throws {ConfigError} naming PIPELINE_FAULTS when an entry is malformed.
 */
export function parseFaults(value: string): FaultPlan {
  const plan: FaultPlan = { counts: new Map(), rate: 0 };
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.startsWith('rate=')) {
      const rate = Number(entry.slice('rate='.length));
      if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
        throw new ConfigError(`PIPELINE_FAULTS: rate must be a number in [0, 1], got "${entry}"`, [
          'PIPELINE_FAULTS',
        ]);
      }
      plan.rate = rate;
      continue;
    }
    const match = ENTRY.exec(entry);
    if (!match) {
      throw new ConfigError(
        `PIPELINE_FAULTS: expected <s3|sns|sqs|dynamodb>:<Operation>=<n> or rate=<0..1>, got "${entry}"`,
        ['PIPELINE_FAULTS'],
      );
    }
    plan.counts.set(`${match[1]}:${match[2]}`, Number(match[3]));
  }
  return plan;
}

/** Fresh call counters for a plan; `random` is injectable for tests. */
export function createFaultState(plan: FaultPlan, random: () => number = Math.random): FaultState {
  return { plan, seen: new Map(), random };
}

/**
 * Decides whether this call of `operation` fails, counting it.
 * Exported for tests; the middleware is the only production caller.
 */
export function shouldFail(state: FaultState, operation: string): boolean {
  const seen = (state.seen.get(operation) ?? 0) + 1;
  state.seen.set(operation, seen);
  const budget = state.plan.counts.get(operation) ?? 0;
  if (seen <= budget) return true;
  return state.plan.rate > 0 && state.random() < state.plan.rate;
}

/**
 * Middleware options: the `initialize` step runs before the retry middleware
 * (in `finalizeRequest`), so an injected fault is thrown past the SDK's
 * retries straight to the caller, while real network faults are still retried.
 * That is what the tests want to see: the handler, not the SDK, handles the failure.
 */
export const FAULT_MIDDLEWARE_OPTIONS: InitializeHandlerOptions & AbsoluteLocation & { name: string } = {
  step: 'initialize',
  priority: 'high',
  name: 'pipelineFaultInjection',
  override: true,
};

/** Builds the fault-injection middleware for one client of `service`. */
export function faultMiddleware(
  service: FaultService,
  state: FaultState,
): InitializeMiddleware<object, object> {
  return (next, context) => async (args) => {
    const operation = `${service}:${String(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
    if (shouldFail(state, operation)) throw new InjectedFaultError(operation);
    return next(args);
  };
}

/** Adds fault injection to a client's middleware stack. */
export function addFaultInjection(
  // biome-ignore lint/suspicious/noExplicitAny: every SDK client's stack has different input/output unions.
  client: { middlewareStack: MiddlewareStack<any, any> },
  service: FaultService,
  state: FaultState,
): void {
  client.middlewareStack.add(faultMiddleware(service, state), FAULT_MIDDLEWARE_OPTIONS);
}
