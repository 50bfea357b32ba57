/**
 * The local EventBridge for scheduled functions: terraform/envs/local creates
 * their rules DISABLED (moto would not run Lambda anyway), so the local
 * runtime invokes them itself, in their own execution environment, with the
 * `ScheduledEvent` a rule would send. Also the one-off invoke `make metrics`
 * and the tests use.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { formatDuration, formatLogLine, type LogStyle, logStyleFromEnv, paint } from '../log-format.ts';
import type { FunctionOutputs, StackOutputs } from '../stack/stack-outputs.ts';
import { createExecutionEnvironment, type ExecutionEnvironment } from './execution-environment.ts';
import { assertHandlerBuilt, handlerPathFor, memoryFor } from './function-settings.ts';
import { buildContextInfo, type InvocationOutcome } from './invocation.ts';
import { nextRunAfter, parseSchedule, type Schedule } from './schedule-expression.ts';

/** setTimeout's ceiling (about 24.8 days); longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** moto's (and the AWS docs') example account, when no ARN in the outputs names one. */
const DEFAULT_ACCOUNT = '123456789012';

/** The account of the stack, from an ARN in its outputs. */
export function accountOf(outputs: StackOutputs): string {
  return outputs.events_topic_arn?.split(':')[4] || DEFAULT_ACCOUNT;
}

/** The event an EventBridge schedule rule named `ruleName` sends at `time`. */
export function buildScheduledEvent(options: {
  ruleName: string;
  region: string;
  account: string;
  time?: Date;
  id?: string;
}): ScheduledEvent {
  const { ruleName, region, account } = options;
  return {
    version: '0',
    id: options.id ?? randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    // EventBridge stamps whole seconds.
    time: (options.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:events:${region}:${account}:rule/${ruleName}`],
    detail: {},
  };
}

/** A running schedule; `stop()` cancels the timer and waits for a run in flight. */
export interface ScheduleLoop {
  stop(): Promise<void>;
}

/**
 * Calls `run` first after `firstRunDelayMs`, then at every time `schedule`
 * gives after the previous one (times stay on the schedule's grid, whatever a
 * run takes). A run still going when the next is due makes that one skip
 * (`onSkip`): one environment runs one invocation at a time.
 */
export function startScheduleLoop(options: {
  schedule: Schedule;
  run: () => Promise<void>;
  firstRunDelayMs: number;
  onSkip?: (at: Date) => void;
}): ScheduleLoop {
  const { schedule, run } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const arm = (at: number) => {
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, at - Date.now()));
    timer = setTimeout(() => (Date.now() >= at ? fire(at) : arm(at)), wait);
  };
  const fire = (at: number) => {
    if (stopped) return;
    if (running) options.onSkip?.(new Date(at));
    else
      running = run()
        .catch(() => undefined)
        .finally(() => (running = undefined));
    // From the due time, not the end of the run; after a long sleep, from now.
    const next = nextRunAfter(schedule, Math.max(at, Date.now() - 1));
    if (next !== undefined) arm(next);
  };
  arm(Date.now() + options.firstRunDelayMs);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Options of {@link ScheduledRunner}. */
export interface ScheduledRunnerOptions {
  name: string;
  fn: FunctionOutputs;
  outputs: StackOutputs;
  endpoint: string;
  /** Extra environment; wins over everything else. */
  env?: Record<string, string> | undefined;
  /** Handler module per function (see handlerPathFor). */
  handlers?: Record<string, string> | undefined;
  /** Receives display lines: the handler's output and the run's progress. */
  say: (text: string) => void;
  style: LogStyle;
  /** Every raw line the handler writes (the runtime forwards EMF metric lines). */
  onOutput?: ((line: string) => void) | undefined;
}

/**
 * One scheduled function's execution environment and how to invoke it with a
 * ScheduledEvent, printing `▶ scheduled run` / `✔ ok` / `✖ failed` lines.
 */
export class ScheduledRunner {
  readonly environment: ExecutionEnvironment;
  private readonly memoryMb: number;

  /** @throws Error when the handler bundle is missing. */
  constructor(private readonly options: ScheduledRunnerOptions) {
    const { name, fn, outputs, endpoint, style, say } = options;
    const handlerPath = handlerPathFor(name, fn, options.handlers);
    assertHandlerBuilt(name, handlerPath);
    this.memoryMb = memoryFor(name, fn);
    this.environment = createExecutionEnvironment({
      name,
      fn,
      region: outputs.region,
      endpoint,
      handlerPath,
      memoryMb: this.memoryMb,
      extra: options.env,
      onOutput: (line) => {
        options.onOutput?.(line);
        for (const shown of formatLogLine(line, style)) say(shown);
      },
    });
  }

  /**
   * Runs the function on its `schedule` from the outputs, first after
   * `firstRunDelayMs`. Says when it runs, or, for an expression the local
   * parser cannot run (cron with L, W or #, or a malformed one), why it does not.
   */
  startSchedule(firstRunDelayMs: number): ScheduleLoop | undefined {
    const { fn, style, say } = this.options;
    let schedule: Schedule;
    try {
      schedule = parseSchedule(fn.schedule ?? '');
    } catch (error) {
      say(paint(style, 33, `not run on a schedule locally: ${(error as Error).message}`));
      return undefined;
    }
    const first = new Date(Date.now() + firstRunDelayMs);
    const then = nextRunAfter(schedule, first.getTime());
    say(
      paint(
        style,
        90,
        `scheduled ${schedule.expression}${schedule.kind === 'cron' ? ' (UTC)' : ''}: first run in ${formatDuration(firstRunDelayMs)}, then ${then ? new Date(then).toISOString() : 'never'}`,
      ),
    );
    return startScheduleLoop({
      schedule,
      firstRunDelayMs,
      run: async () => {
        await this.invoke();
      },
      onSkip: (at) =>
        say(paint(style, 33, `skipped the run due ${at.toISOString()}: the previous one is still going`)),
    });
  }

  /** Invokes the handler once with a ScheduledEvent for now; never throws. */
  async invoke(why = 'scheduled run'): Promise<InvocationOutcome> {
    const { fn, outputs, style, say } = this.options;
    const started = Date.now();
    const requestId = randomUUID();
    const account = accountOf(outputs);
    const event = buildScheduledEvent({ ruleName: fn.function_name, region: outputs.region, account });
    const cold = this.environment.warm ? '' : ', cold start';
    say(
      paint(style, 90, `▶ ${why}${fn.schedule ? ` (${fn.schedule})` : ''}${cold} [${requestId.slice(0, 8)}]`),
    );
    const outcome = await this.environment.invoke(event, () =>
      buildContextInfo({
        functionName: fn.function_name,
        region: outputs.region,
        accountId: account,
        memoryMb: this.memoryMb,
        timeoutSeconds: fn.timeout_seconds,
        requestId,
      }),
    );
    const elapsed = formatDuration(Date.now() - started);
    if (outcome.ok) say(paint(style, 32, `✔ ok in ${elapsed}`));
    else say(paint(style, 31, `✖ ${outcome.kind} in ${elapsed}: ${outcome.message.split('\n')[0]}`));
    return outcome;
  }
}

/**
 * Runs a scheduled function once, now, from its built bundle in a fresh
 * execution environment (what `make metrics` and the tests use), then ends
 * the environment.
 *
 * @returns how the invocation ended; `result` is the handler's return value.
 * @throws Error for an unknown function or a missing bundle.
 */
export async function invokeScheduledOnce(options: {
  outputs: StackOutputs;
  endpoint: string;
  name: string;
  env?: Record<string, string>;
  handlers?: Record<string, string>;
  /** Display lines (default: stdout). */
  log?: (line: string) => void;
  style?: LogStyle;
  /** Every raw line the handler writes. */
  onOutput?: (line: string) => void;
}): Promise<InvocationOutcome> {
  const fn = options.outputs.functions[options.name];
  if (!fn) throw new Error(`functions: no function "${options.name}" in the stack outputs`);
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const runner = new ScheduledRunner({
    ...options,
    fn,
    style: options.style ?? logStyleFromEnv(),
    say: (text) => log(`${options.name} | ${text}`),
  });
  try {
    return await runner.invoke('run now');
  } finally {
    await runner.environment.stop();
  }
}
