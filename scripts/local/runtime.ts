/**
 * The local Lambda service for queue-triggered functions: per function, a
 * poll loop that long-polls its queue, invokes the built handler in its own
 * execution environment with a real SQSEvent and Context, deletes what
 * succeeded and hands failures back to the queue after a short delay, so
 * SQS's redrive policy moves repeat failures to the DLQ. With `schedules`,
 * it also runs the scheduled functions (scheduler.ts); with `forwardMetrics`,
 * it puts the metric lines (EMF) handlers print into moto's CloudWatch
 * (emf.ts), as CloudWatch Logs does with Lambda's.
 */
import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createMetricsForwarder } from './emf.ts';
import { assertHandlerBuilt, handlerPathFor, memoryFor } from './lambda-env.ts';
import { functionEnvironment, type LambdaEnvironment } from './lambda-environment.ts';
import {
  formatDuration,
  formatLogLine,
  type LogStyle,
  logStyleFromEnv,
  makePrefix,
  paint,
} from './log-format.ts';
import { ScheduledRunner } from './scheduler.ts';
import { buildContextInfo, buildSqsEvent, queueArnFromUrl, settleBatch } from './sqs-event.ts';
import type { FunctionOutputs, StackOutputs } from './stack.ts';

const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

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
  /** Log colors and format (default: from the environment, see log-format.ts). */
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
}

export interface Runtime {
  /** Names of the functions being served (queue-triggered, then scheduled). */
  functions: string[];
  /** Names of the scheduled functions being run on their schedule. */
  scheduled: string[];
  /** Stops polling, waits for in-flight batches and ends every execution environment. */
  stop(): Promise<void>;
}

interface Served {
  name: string;
  fn: FunctionOutputs & { queue_url: string };
  queueArn: string;
  accountId: string;
  maxReceiveCount: number | undefined;
  memoryMb: number;
  environment: LambdaEnvironment;
  say: (text: string) => void;
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
  const retryDelay = options.retryDelaySeconds ?? Number(process.env.LOCAL_RETRY_DELAY_SECONDS ?? 1);
  if (!Number.isInteger(retryDelay) || retryDelay < 0 || retryDelay > 43_200) {
    throw new Error(`retryDelaySeconds: ${retryDelay} is not a whole number of seconds from 0 to 43200`);
  }
  // Short long-polls: stop() waits for the receive in flight (see pollLoop), so this bounds how long
  // stopping takes. Lambda's own poller waits 20 s, but locally an empty receive costs nothing.
  const waitTimeSeconds = Math.min(20, Math.max(0, options.waitTimeSeconds ?? 2));

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
  const selected = queued.filter(wanted);
  const selectedScheduled = options.schedules ? timed.filter(wanted) : [];
  const width = Math.max(8, ...[...selected, ...selectedScheduled].map(([name]) => name.length));
  const sqs = new SQSClient({ endpoint, region: outputs.region, credentials: LOCAL_CREDENTIALS });
  const metrics = options.forwardMetrics
    ? createMetricsForwarder({ endpoint, region: outputs.region, onError: (message) => log(message) })
    : undefined;

  const served: Served[] = await Promise.all(
    selected.map(async ([name, fn], index): Promise<Served> => {
      const handlerPath = handlerPathFor(name, fn, options.handlers);
      assertHandlerBuilt(name, handlerPath);
      const prefix = makePrefix(style, name, width, index);
      const say = (text: string) => log(`${prefix}${text}`);
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
      const memoryMb = memoryFor(name, fn);
      const environment = functionEnvironment({
        name,
        fn,
        region: outputs.region,
        endpoint,
        handlerPath,
        memoryMb,
        extra: options.env,
        onOutput: (line) => {
          metrics?.forward(line);
          for (const shown of formatLogLine(line, style)) say(shown);
        },
      });
      return {
        name,
        fn: fn as Served['fn'],
        queueArn,
        accountId: queueArn.split(':')[4] ?? '123456789012',
        maxReceiveCount: redrive ? Number(redrive.maxReceiveCount) : undefined,
        memoryMb,
        environment,
        say,
      };
    }),
  );

  const runners = selectedScheduled.map(([name, fn], index) => {
    const prefix = makePrefix(style, name, width, selected.length + index);
    return new ScheduledRunner({
      name,
      fn,
      outputs,
      endpoint,
      env: options.env,
      handlers: options.handlers,
      style,
      say: (text) => log(`${prefix}${text}`),
      onOutput: (line) => metrics?.forward(line),
    });
  });
  const environments = [...served.map((s) => s.environment), ...runners.map((r) => r.environment)];

  // Init every environment now, so a handler that cannot load fails `make dev` at once.
  const inits = await Promise.allSettled(environments.map((e) => e.start()));
  const initErrors = inits.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
  if (initErrors.length > 0) {
    await Promise.all(environments.map((e) => e.stop()));
    await metrics?.stop();
    throw new Error(initErrors.join('\n'));
  }

  let stopping = false;

  async function processBatch(s: Served, messages: Message[]) {
    const started = Date.now();
    const event = buildSqsEvent(messages, { queueArn: s.queueArn, region: outputs.region });
    const requestId = randomUUID();
    // Built after a cold start's init, which does not count against the timeout.
    const contextInfo = () =>
      buildContextInfo({
        functionName: s.fn.function_name,
        region: outputs.region,
        accountId: s.accountId,
        memoryMb: s.memoryMb,
        timeoutSeconds: s.fn.timeout_seconds,
        requestId,
      });
    const retries = event.Records.filter((r) => Number(r.attributes.ApproximateReceiveCount) > 1).length;
    const cold = s.environment.warm ? '' : ', cold start';
    s.say(
      paint(
        style,
        90,
        `▶ ${messages.length} message(s)${retries ? `, ${retries} retried` : ''}${cold} [${requestId.slice(0, 8)}]`,
      ),
    );

    const outcome = await s.environment.invoke(event, contextInfo);
    const elapsed = formatDuration(Date.now() - started);
    const settlement = settleBatch(
      event.Records.map((r) => r.messageId),
      outcome,
    );
    const byId = new Map(event.Records.map((r) => [r.messageId, r]));
    const entries = (ids: string[]) =>
      ids.map((id, i) => ({ Id: String(i), ReceiptHandle: byId.get(id)?.receiptHandle as string }));

    if (settlement.deleteIds.length > 0) {
      const { Failed = [] } = await sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: s.fn.queue_url, Entries: entries(settlement.deleteIds) }),
      );
      for (const f of Failed) s.say(paint(style, 33, `could not delete a message: ${f.Code} ${f.Message}`));
    }
    if (settlement.failedIds.length > 0) {
      await sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: s.fn.queue_url,
          Entries: entries(settlement.failedIds).map((e) => ({ ...e, VisibilityTimeout: retryDelay })),
        }),
      );
    }

    if (settlement.failedIds.length === 0) {
      s.say(paint(style, 32, `✔ ${messages.length} ok in ${elapsed}`));
      return;
    }
    const exhausted = settlement.failedIds.filter(
      (id) =>
        s.maxReceiveCount && Number(byId.get(id)?.attributes.ApproximateReceiveCount) >= s.maxReceiveCount,
    ).length;
    const fate = `retry in ${retryDelay}s${exhausted ? `, ${exhausted} to the DLQ (receive ${s.maxReceiveCount}/${s.maxReceiveCount})` : ''}`;
    const what = settlement.batchFailure
      ? `batch failed in ${elapsed}: ${settlement.batchFailure.split('\n')[0]}`
      : `${settlement.failedIds.length} of ${messages.length} failed in ${elapsed}`;
    s.say(paint(style, 31, `✖ ${what} (${fate})`));
  }

  async function releaseMessages(s: Served, messages: Message[]) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: s.fn.queue_url,
        Entries: messages.map((m, i) => ({
          Id: String(i),
          ReceiptHandle: m.ReceiptHandle as string,
          VisibilityTimeout: 0,
        })),
      }),
    );
  }

  async function pollLoop(s: Served) {
    const batchSize = Math.min(10, Math.max(1, s.fn.batch_size ?? 10));
    while (!stopping) {
      let messages: Message[];
      try {
        const response = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: s.fn.queue_url,
            MaxNumberOfMessages: batchSize,
            WaitTimeSeconds: waitTimeSeconds,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        messages = response.Messages ?? [];
      } catch (error) {
        if (stopping) return;
        s.say(paint(style, 33, `receive failed: ${(error as Error).message}; retrying in 1s`));
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      if (messages.length === 0) continue;
      if (stopping) {
        // The receive was not aborted on purpose: moto (like SQS) may hand a message to a request the
        // client has given up on, hiding it for the whole visibility timeout. Hand it straight back.
        await releaseMessages(s, messages);
        return;
      }
      try {
        await processBatch(s, messages);
      } catch (error) {
        s.say(paint(style, 31, `runtime error: ${(error as Error).message}`));
      }
    }
  }

  const loops = served.map((s) => pollLoop(s));
  for (const s of served)
    s.say(
      paint(
        style,
        90,
        `polling ${s.fn.queue_url} (batch ${s.fn.batch_size ?? 10}, timeout ${s.fn.timeout_seconds}s)`,
      ),
    );

  const firstRunDelayMs = options.scheduleFirstRunDelayMs ?? 5_000;
  const schedules = runners.flatMap((r) => r.startSchedule(firstRunDelayMs) ?? []);

  return {
    functions: [...served.map((s) => s.name), ...selectedScheduled.map(([name]) => name)],
    scheduled: selectedScheduled.map(([name]) => name),
    async stop() {
      if (stopping) return;
      stopping = true;
      await Promise.all([...loops, ...schedules.map((schedule) => schedule.stop())]);
      await Promise.all(environments.map((e) => e.stop()));
      await metrics?.stop();
      sqs.destroy();
    },
  };
}
