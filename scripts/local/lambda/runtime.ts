/**
 * The local Lambda service for queue-triggered functions: per function, poll
 * loops (queue-poller.ts) that long-poll its queue and invoke the built
 * handler with a real SQSEvent and Context, each batch in a free execution
 * environment of the function's pool (environment-pool.ts): up to the
 * function's maximum concurrency, bounded by the machine's CPUs.
 * `onInvocation` receives each invocation's measurements (invocation-stats.ts).
 * With `schedules`, it also runs the scheduled functions (scheduler.ts); with
 * `forwardMetrics`, it puts the metric lines (EMF) handlers print into moto's
 * CloudWatch (emf.ts), as CloudWatch Logs does with Lambda's.
 */
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { localClientConfig } from '@pipeline/local-aws/credentials';
import { formatLogLine, type LogStyle, logStyleFromEnv, makePrefix, paint } from '../log-format.ts';
import type { FunctionOutputs, StackOutputs } from '../stack/stack-outputs.ts';
import { createMetricsForwarder, type MetricsForwarder } from './emf.ts';
import { EnvironmentPool } from './environment-pool.ts';
import type { ExecutionEnvironment } from './execution-environment.ts';
import { environmentsFor } from './function-settings.ts';
import type { InvocationListener } from './invocation-stats.ts';
import { type QueueFunction, QueuePoller } from './queue-poller.ts';
import { ScheduledRunner } from './scheduler.ts';
import { queueArnFromUrl } from './sqs-event.ts';

export type { InvocationListener, InvocationStats } from './invocation-stats.ts';

export interface RuntimeOptions {
  /** `terraform output` of the local stack. */
  outputs: StackOutputs;
  /** The moto endpoint, e.g. http://127.0.0.1:4566. */
  endpoint: string;
  /** Only these functions (default: every function with a queue, and with `schedules` every scheduled one). */
  functions?: string[];
  /** Extra environment for every handler; wins over everything else. */
  env?: Record<string, string>;
  /** Handler module per function (default functions/<name>/dist/index.mjs, or `handler_path` in outputs). */
  handlers?: Record<string, string>;
  /** Where display lines go (default: stdout). */
  log?: (line: string) => void;
  /** Log colors and format (default: from the environment, see ../log-format.ts). */
  style?: LogStyle;
  /** Seconds a failed message stays invisible before its retry (default LOCAL_RETRY_DELAY_SECONDS or 1). */
  retryDelaySeconds?: number;
  /** Long-poll wait per ReceiveMessage, seconds, 0-20 (default 20). */
  waitTimeSeconds?: number;
  /** Also run the functions with a schedule (`schedule` in outputs) on it (default false: no timers). */
  schedules?: boolean;
  /** With `schedules`: ms from start to each scheduled function's first run (default 5000). */
  scheduleFirstRunDelayMs?: number;
  /** Put the handlers' EMF metric lines into moto's CloudWatch (default false: benchmarks and soaks skip the load). */
  forwardMetrics?: boolean;
  /**
   * Most execution environments per queue function, in place of the machine's CPU count
   * (default LOCAL_LAMBDA_MAX_ENVIRONMENTS, else os.availableParallelism()); the
   * function's maximum concurrency still applies (see environmentsFor).
   */
  maxEnvironments?: number;
  /** Called after every queue invocation with its measurements (a local measurement hook; see invocation-stats.ts). */
  onInvocation?: InvocationListener;
}

export interface Runtime {
  /** Names of the functions being served (queue-triggered, then scheduled). */
  functions: string[];
  /** Names of the scheduled functions being run on their schedule. */
  scheduled: string[];
  /** Stops polling, waits for in-flight batches and ends every execution environment. */
  stop(): Promise<void>;
}

/** A function of the outputs with its name. */
type NamedFunction = [string, FunctionOutputs];

/** What every function being started shares: where its lines go and how they look. */
interface StartContext {
  options: RuntimeOptions;
  style: LogStyle;
  log: (line: string) => void;
  /** Width of the name column of the log prefix. */
  width: number;
  metrics: MetricsForwarder | undefined;
  /** Most environments per queue function in place of the CPU count (environmentLimitOf). */
  environmentLimit: number | undefined;
}

/** `retryDelaySeconds`, checked. @throws Error for a value SQS's visibility timeout does not take. */
function retryDelayOf(options: RuntimeOptions): number {
  const retryDelay = options.retryDelaySeconds ?? Number(process.env.LOCAL_RETRY_DELAY_SECONDS ?? 1);
  if (!Number.isInteger(retryDelay) || retryDelay < 0 || retryDelay > 43_200) {
    throw new Error(`retryDelaySeconds: ${retryDelay} is not a whole number of seconds from 0 to 43200`);
  }
  return retryDelay;
}

/**
 * The queue-triggered and scheduled functions to serve.
 * @throws Error for an unknown name in `functions`, or one with nothing to trigger it.
 */
function selectFunctions(options: RuntimeOptions): { queued: NamedFunction[]; scheduled: NamedFunction[] } {
  const { outputs } = options;
  const queued = Object.entries(outputs.functions).filter(([, fn]) => fn.queue_url);
  const timed = Object.entries(outputs.functions).filter(([, fn]) => !fn.queue_url && fn.schedule);
  for (const name of options.functions ?? []) {
    const fn = outputs.functions[name];
    if (!fn) throw new Error(`functions: no function "${name}" in the stack outputs`);
    if (!fn.queue_url && !(fn.schedule && options.schedules)) {
      throw new Error(
        `functions: "${name}" has no queue trigger${fn.schedule ? ' (pass schedules: true to run its schedule)' : ''}`,
      );
    }
  }
  const wanted = ([name]: [string, unknown]) => !options.functions || options.functions.includes(name);
  return { queued: queued.filter(wanted), scheduled: options.schedules ? timed.filter(wanted) : [] };
}

/**
 * `maxEnvironments`, else LOCAL_LAMBDA_MAX_ENVIRONMENTS, else undefined (the CPU count).
 * @throws Error for a value that is not a whole number of at least 1.
 */
function environmentLimitOf(options: RuntimeOptions): number | undefined {
  const fromEnv = process.env.LOCAL_LAMBDA_MAX_ENVIRONMENTS;
  const limit = options.maxEnvironments ?? (fromEnv ? Number(fromEnv) : undefined);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
    throw new Error(
      `maxEnvironments (or LOCAL_LAMBDA_MAX_ENVIRONMENTS): ${limit} is not a whole number of at least 1`,
    );
  }
  return limit;
}

/**
 * A queue-triggered function ready to poll: its queue's ARN and redrive policy, and its
 * pool of execution environments (none started yet).
 * @throws Error when the queue cannot be read.
 */
async function queueFunction(sqs: SQSClient, [name, fn]: NamedFunction, index: number, start: StartContext) {
  const { options, style, metrics } = start;
  const { outputs, endpoint } = options;
  const prefix = makePrefix(style, name, start.width, index);
  const say = (text: string) => start.log(`${prefix}${text}`);
  const { Attributes = {} } = await sqs
    .send(
      new GetQueueAttributesCommand({
        QueueUrl: fn.queue_url as string,
        AttributeNames: ['QueueArn', 'RedrivePolicy'],
      }),
    )
    .catch((error: Error) => {
      throw new Error(`${name}: cannot read queue ${fn.queue_url}: ${error.message}`);
    });
  const queueArn = Attributes.QueueArn ?? queueArnFromUrl(fn.queue_url as string, outputs.region);
  const redrive = Attributes.RedrivePolicy ? JSON.parse(Attributes.RedrivePolicy) : undefined;
  const maxEnvironments = environmentsFor(name, fn, start.environmentLimit);
  const pool = new EnvironmentPool({
    name,
    fn,
    region: outputs.region,
    endpoint,
    handlers: options.handlers,
    env: options.env,
    max: maxEnvironments,
    onOutput: (line) => {
      metrics?.forward(line);
      for (const shown of formatLogLine(line, style)) say(shown);
    },
  });
  return {
    name,
    fn: fn as QueueFunction['fn'],
    queueArn,
    accountId: queueArn.split(':')[4] ?? '123456789012',
    maxReceiveCount: redrive ? Number(redrive.maxReceiveCount) : undefined,
    memoryMb: pool.memoryMb,
    pool,
    maxEnvironments,
    say,
  } satisfies QueueFunction;
}

/** A runner per scheduled function; its log prefix colors follow the queue functions' (`offset`). */
function scheduledRunners(
  scheduled: NamedFunction[],
  offset: number,
  start: StartContext,
): ScheduledRunner[] {
  const { options, style } = start;
  return scheduled.map(([name, fn], index) => {
    const prefix = makePrefix(style, name, start.width, offset + index);
    return new ScheduledRunner({
      name,
      fn,
      outputs: options.outputs,
      endpoint: options.endpoint,
      env: options.env,
      handlers: options.handlers,
      style,
      say: (text) => start.log(`${prefix}${text}`),
      onOutput: (line) => start.metrics?.forward(line),
    });
  });
}

/** What the runtime starts and ends: queue functions' pools and scheduled functions' environments alike. */
type Startable = Pick<ExecutionEnvironment, 'stop'>;

/**
 * Inits one environment of every function now (`inits`), so a handler that cannot load
 * fails `make dev` at once; more start as batches need them.
 * @throws Error with every init error, after ending all environments.
 */
async function initAll(
  inits: Promise<void>[],
  everything: Startable[],
  metrics: MetricsForwarder | undefined,
) {
  const settled = await Promise.allSettled(inits);
  const initErrors = settled.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
  if (initErrors.length > 0) {
    await Promise.all(everything.map((e) => e.stop()));
    await metrics?.stop();
    throw new Error(initErrors.join('\n'));
  }
}

/**
 * Starts serving every queue-triggered function of `outputs` (or the ones
 * named in `functions`). Resolves once every handler module has loaded.
 * @throws Error for an unknown function name, a missing handler bundle, or a handler that fails to load.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { outputs, endpoint } = options;
  const style = options.style ?? logStyleFromEnv();
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const retryDelaySeconds = retryDelayOf(options);
  const environmentLimit = environmentLimitOf(options);
  // Short long-polls: stop() waits for the receive in flight (see QueuePoller.poll), so this bounds how
  // long stopping takes. Lambda's own poller waits 20 s, but locally an empty receive costs nothing.
  const waitTimeSeconds = Math.min(20, Math.max(0, options.waitTimeSeconds ?? 2));
  const { queued, scheduled } = selectFunctions(options);
  const width = Math.max(8, ...[...queued, ...scheduled].map(([name]) => name.length));
  const sqs = new SQSClient(localClientConfig(endpoint, outputs.region));
  const metrics = options.forwardMetrics
    ? createMetricsForwarder({ endpoint, region: outputs.region, onError: (message) => log(message) })
    : undefined;
  const start: StartContext = { options, style, log, width, metrics, environmentLimit };

  const served = await Promise.all(queued.map((entry, index) => queueFunction(sqs, entry, index, start)));
  const runners = scheduledRunners(scheduled, queued.length, start);
  const environments: Startable[] = [...served.map((s) => s.pool), ...runners.map((r) => r.environment)];
  const inits = [...served.map((s) => s.pool.warmUp()), ...runners.map((r) => r.environment.start())];
  await initAll(inits, environments, metrics);

  const { onInvocation } = options;
  const poller = new QueuePoller({
    sqs,
    region: outputs.region,
    style,
    retryDelaySeconds,
    waitTimeSeconds,
    onInvocation,
  });
  const loops = served.map((s) => poller.poll(s));
  for (const s of served)
    s.say(
      paint(
        style,
        90,
        `polling ${s.fn.queue_url} (batch ${s.fn.batch_size ?? 10}, timeout ${s.fn.timeout_seconds}s, up to ${s.maxEnvironments} at once)`,
      ),
    );
  const firstRunDelayMs = options.scheduleFirstRunDelayMs ?? 5_000;
  const schedules = runners.flatMap((r) => r.startSchedule(firstRunDelayMs) ?? []);

  let stopping = false;
  return {
    functions: [...served.map((s) => s.name), ...scheduled.map(([name]) => name)],
    scheduled: scheduled.map(([name]) => name),
    async stop() {
      if (stopping) return;
      stopping = true;
      poller.stop();
      await Promise.all([...loops, ...schedules.map((schedule) => schedule.stop())]);
      await Promise.all(environments.map((e) => e.stop()));
      await metrics?.stop();
      sqs.destroy();
    },
  };
}
