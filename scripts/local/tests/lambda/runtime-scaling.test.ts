import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvocationStats } from '../../lambda/invocation-stats.ts';
import { type Runtime, type RuntimeOptions, startRuntime } from '../../lambda/runtime.ts';

const BARRIER_HANDLER = path.join(import.meta.dirname, 'fixtures', 'barrier-handler.mjs');
const QUEUE_URL = 'http://sqs.local/123456789012/local-burst';
const sqs = mockClient(SQSClient);

let dir: string;
let runtime: Runtime | undefined;
let waiting: Message[];
let deleted: string[];

/** SQS as the poller sees it: `waiting` handed out in order, deletes recorded, an empty receive waits a little. */
function mockQueue() {
  sqs.reset();
  sqs
    .on(GetQueueAttributesCommand)
    .resolves({ Attributes: { QueueArn: 'arn:aws:sqs:us-east-1:123456789012:local-burst' } });
  sqs.on(ReceiveMessageCommand).callsFake(async (input: { MaxNumberOfMessages?: number }) => {
    const batch = waiting.splice(0, input.MaxNumberOfMessages ?? 1);
    if (batch.length === 0) await sleep(20); // a (short) long poll
    return { Messages: batch };
  });
  sqs.on(DeleteMessageBatchCommand).callsFake(async (input: { Entries: { ReceiptHandle: string }[] }) => {
    deleted.push(...input.Entries.map((entry) => entry.ReceiptHandle));
    return { Successful: input.Entries.map((entry) => ({ Id: (entry as { Id?: string }).Id })), Failed: [] };
  });
  sqs.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'runtime-scaling-'));
  waiting = [];
  deleted = [];
  mockQueue();
});
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the runtime on one queue function `burst` (batch size 1) with `messages` waiting. */
async function startBurst(
  messages: number,
  barrier: number,
  settings: Partial<RuntimeOptions> & { concurrency: number },
) {
  const probe = path.join(dir, 'probe.log');
  writeFileSync(probe, '');
  const { concurrency, ...options } = settings;
  waiting = Array.from({ length: messages }, (_, i) => ({
    MessageId: `m${i}`,
    ReceiptHandle: `rh${i}`,
    Body: JSON.stringify({ imageId: `image-${i}` }),
  }));
  const stats: InvocationStats[] = [];
  runtime = await startRuntime({
    outputs: {
      region: 'us-east-1',
      uploads_bucket: 'uploads',
      renditions_bucket: 'renditions',
      images_table: 'images',
      events_topic_arn: 'arn:aws:sns:us-east-1:123456789012:image-events',
      functions: {
        burst: {
          function_name: 'local-burst',
          queue_url: QUEUE_URL,
          dlq_url: null,
          batch_size: 1,
          timeout_seconds: 60,
          environment: { PROBE_FILE: probe, BARRIER: String(barrier) },
          handler_path: BARRIER_HANDLER,
          maximum_concurrency: concurrency,
        },
      },
    },
    endpoint: 'http://127.0.0.1:9', // the handler calls no AWS
    waitTimeSeconds: 1,
    log: () => {},
    style: { color: false, format: 'pretty' },
    onInvocation: (s) => stats.push(s),
    ...options,
  });
  return { probe, stats };
}

/** Waits until every message was deleted; says how many were not when it gives up. */
async function allDeleted(count: number) {
  const deadline = Date.now() + 50_000;
  while (deleted.length < count && Date.now() < deadline) await sleep(20);
  if (deleted.length < count) throw new Error(`only ${deleted.length} of ${count} messages were deleted`);
}

/** What the probe file says: environments (process ids), most invocations at once, barriers not met. */
function probeSummary(probe: string) {
  const lines = readFileSync(probe, 'utf8').trim().split('\n');
  let running = 0;
  let peak = 0;
  for (const line of lines) {
    running += line.startsWith('start ') ? 1 : -1;
    peak = Math.max(peak, running);
  }
  const pids = new Set(lines.map((line) => line.split(' ')[1]));
  const timeouts = lines.filter((line) => line.endsWith(' timeout')).length;
  return { environments: pids.size, peak, timeouts };
}

describe('startRuntime scales a queue function out like Lambda', () => {
  it('runs a burst in as many environments as its maximum concurrency, and no more', async () => {
    const { probe, stats } = await startBurst(6, 3, { concurrency: 3, maxEnvironments: 8 });
    await allDeleted(6);

    // Barrier 3: the first three batches only end once three ran at once.
    expect(probeSummary(probe)).toEqual({ environments: 3, peak: 3, timeouts: 0 });
    expect(stats).toHaveLength(6);
    expect(stats.every((s) => s.functionName === 'burst' && s.records === 1 && s.ok)).toBe(true);
    expect(stats.filter((s) => s.coldStart)).toHaveLength(2); // the first environment started with the runtime
    expect(stats.flatMap((s) => s.imageIds ?? []).sort()).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => `image-${i}`),
    );
  });

  it('keeps to LOCAL_LAMBDA_MAX_ENVIRONMENTS in place of the CPU count', async () => {
    process.env.LOCAL_LAMBDA_MAX_ENVIRONMENTS = '2';
    try {
      const { probe } = await startBurst(5, 2, { concurrency: 10 });
      await allDeleted(5);

      expect(probeSummary(probe)).toEqual({ environments: 2, peak: 2, timeouts: 0 });
    } finally {
      delete process.env.LOCAL_LAMBDA_MAX_ENVIRONMENTS;
    }
  });

  it('runs one batch at a time in one environment when the concurrency is 1', async () => {
    const { probe, stats } = await startBurst(4, 1, { concurrency: 1, maxEnvironments: 8 });
    await allDeleted(4);

    expect(probeSummary(probe)).toEqual({ environments: 1, peak: 1, timeouts: 0 });
    expect(stats.filter((s) => s.coldStart)).toHaveLength(0);
  });

  it('refuses a maxEnvironments below 1', async () => {
    await expect(startBurst(0, 1, { concurrency: 2, maxEnvironments: 0 })).rejects.toThrow(
      /maxEnvironments.*not a whole number of at least 1/,
    );
  });
});
