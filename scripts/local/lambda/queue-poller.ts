/**
 * The event source mapping of one queue-triggered function, locally: long-polls
 * its queue, invokes the handler with a real SQSEvent, deletes what succeeded
 * and hands failures back to the queue after a short delay, so SQS's redrive
 * policy moves repeat failures to the DLQ. Like Lambda's pollers it scales
 * out (poller-loops.ts): up to `maxEnvironments` receive loops, each batch
 * invoked in a free execution environment of the function's pool.
 */
import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { formatDuration, type LogStyle, paint } from '../log-format.ts';
import type { FunctionOutputs } from '../stack/stack-outputs.ts';
import type { EnvironmentPool } from './environment-pool.ts';
import { buildContextInfo } from './invocation.ts';
import { type InvocationListener, invocationStats } from './invocation-stats.ts';
import { PollerLoops } from './poller-loops.ts';
import { buildSqsEvent, type Settlement, settleBatch } from './sqs-event.ts';

/** A queue-triggered function being served: its queue, its environments and where its lines go. */
export interface QueueFunction {
  name: string;
  fn: FunctionOutputs & { queue_url: string };
  queueArn: string;
  accountId: string;
  maxReceiveCount: number | undefined;
  memoryMb: number;
  /** Its execution environments; at least `maxEnvironments` of them may exist. */
  pool: EnvironmentPool;
  /** Most batches in flight at once (receive loops). */
  maxEnvironments: number;
  say: (text: string) => void;
}

export interface QueuePollerOptions {
  sqs: SQSClient;
  region: string;
  style: LogStyle;
  /** Seconds a failed message stays invisible before its retry. */
  retryDelaySeconds: number;
  /** Long-poll wait per ReceiveMessage, seconds. */
  waitTimeSeconds: number;
  /** Receives the measurements of every invocation. */
  onInvocation?: InvocationListener | undefined;
}

/** Polls the queues of queue-triggered functions until {@link QueuePoller.stop}. */
export class QueuePoller {
  private stopping = false;

  constructor(private readonly options: QueuePollerOptions) {}

  /** Ends every poll loop after its receive in flight (see {@link poll}). */
  stop(): void {
    this.stopping = true;
  }

  /**
   * Receives and processes batches of `s`'s queue until stopped, with up to
   * `s.maxEnvironments` batches at once; never throws.
   * @returns once stopped, after every batch in flight; the most batches that ran at once.
   */
  async poll(s: QueueFunction): Promise<{ peakLoops: number }> {
    const loops = new PollerLoops(s.maxEnvironments, (scaling) => this.receiveLoop(s, scaling));
    await loops.run();
    return { peakLoops: loops.peak };
  }

  /** One receive loop of `s` (see PollerLoops): until stopped, or until `retire()` lets it go. */
  private async receiveLoop(s: QueueFunction, scaling: { grow(): void; retire(): boolean }) {
    const { sqs, style, waitTimeSeconds } = this.options;
    const batchSize = Math.min(10, Math.max(1, s.fn.batch_size ?? 10));
    while (!this.stopping) {
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
        if (this.stopping) return;
        s.say(paint(style, 33, `receive failed: ${(error as Error).message}; retrying in 1s`));
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      if (messages.length === 0) {
        if (scaling.retire()) return;
        continue;
      }
      if (this.stopping) {
        // The receive was not aborted on purpose: moto (like SQS) may hand a message to a request the
        // client has given up on, hiding it for the whole visibility timeout. Hand it straight back.
        await this.release(s, messages);
        return;
      }
      scaling.grow(); // there may be more waiting: another loop receives while this one works
      try {
        await this.processBatch(s, messages);
      } catch (error) {
        s.say(paint(style, 31, `runtime error: ${(error as Error).message}`));
      }
    }
  }

  private async processBatch(s: QueueFunction, messages: Message[]) {
    const { region, style } = this.options;
    const started = Date.now();
    const event = buildSqsEvent(messages, { queueArn: s.queueArn, region });
    const requestId = randomUUID();
    // Built after a cold start's init, which does not count against the timeout.
    const contextInfo = () =>
      buildContextInfo({
        functionName: s.fn.function_name,
        region,
        accountId: s.accountId,
        memoryMb: s.memoryMb,
        timeoutSeconds: s.fn.timeout_seconds,
        requestId,
      });
    const retries = event.Records.filter((r) => Number(r.attributes.ApproximateReceiveCount) > 1).length;

    const { outcome, coldStart } = await s.pool.withEnvironment(async (environment) => {
      const coldStart = !environment.warm;
      s.say(
        paint(
          style,
          90,
          `▶ ${messages.length} message(s)${retries ? `, ${retries} retried` : ''}${coldStart ? ', cold start' : ''} [${requestId.slice(0, 8)}]`,
        ),
      );
      return { outcome: await environment.invoke(event, contextInfo), coldStart };
    });
    const elapsedMs = Date.now() - started;
    const settlement = settleBatch(
      event.Records.map((r) => r.messageId),
      outcome,
    );
    await this.settle(s, event, settlement);
    this.report(s, event, settlement, formatDuration(elapsedMs));
    const allSucceeded = settlement.failedIds.length === 0;
    this.options.onInvocation?.(
      invocationStats({ functionName: s.name, event, outcome, allSucceeded, coldStart, elapsedMs }),
    );
  }

  /** Deletes the messages that succeeded and makes the failed ones visible again after the retry delay. */
  private async settle(s: QueueFunction, event: SQSEvent, settlement: Settlement) {
    const { sqs, style, retryDelaySeconds } = this.options;
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
          Entries: entries(settlement.failedIds).map((e) => ({ ...e, VisibilityTimeout: retryDelaySeconds })),
        }),
      );
    }
  }

  /** Says how the batch ended: all ok, or what failed and what becomes of it. */
  private report(s: QueueFunction, event: SQSEvent, settlement: Settlement, elapsed: string) {
    const { style, retryDelaySeconds } = this.options;
    const count = event.Records.length;
    if (settlement.failedIds.length === 0) {
      s.say(paint(style, 32, `✔ ${count} ok in ${elapsed}`));
      return;
    }
    const byId = new Map(event.Records.map((r) => [r.messageId, r]));
    const exhausted = settlement.failedIds.filter(
      (id) =>
        s.maxReceiveCount && Number(byId.get(id)?.attributes.ApproximateReceiveCount) >= s.maxReceiveCount,
    ).length;
    const fate = `retry in ${retryDelaySeconds}s${exhausted ? `, ${exhausted} to the DLQ (receive ${s.maxReceiveCount}/${s.maxReceiveCount})` : ''}`;
    const what = settlement.batchFailure
      ? `batch failed in ${elapsed}: ${settlement.batchFailure.split('\n')[0]}`
      : `${settlement.failedIds.length} of ${count} failed in ${elapsed}`;
    s.say(paint(style, 31, `✖ ${what} (${fate})`));
  }

  /** Makes received messages visible again at once. */
  private async release(s: QueueFunction, messages: Message[]) {
    await this.options.sqs.send(
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
}
