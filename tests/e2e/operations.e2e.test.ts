import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { IMAGE_STATUSES, type ImageStatus, statusShardOf } from '@pipeline/domain';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DevStack } from '../../scripts/local/stack/dev-stack.ts';
import { testClients } from '../support/aws.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const stack = inject('stack');
const endpoint = inject('endpoint');
const clients = testClients(endpoint);

/** No consumer runs while this file runs, so these queues hold only what tests put or left there. */
const REDRIVE_FUNCTION = 'metadata';
const STATUS_FUNCTION = 'moderation';

const nameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const queueFunctions = Object.entries(stack.functions).flatMap(([name, f]) =>
  f.queue_url && f.dlq_url ? [{ name, queueUrl: f.queue_url, dlqUrl: f.dlq_url }] : [],
);
function queueOf(name: string) {
  const found = queueFunctions.find((q) => q.name === name);
  if (!found) throw new Error(`the stack has no queue function ${name}`);
  return found;
}

async function depth(url: string) {
  const { Attributes: a = {} } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
  );
  return {
    visible: Number(a.ApproximateNumberOfMessages),
    inFlight: Number(a.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed),
  };
}

/** Receives until three receives in a row come back empty; what it got stays hidden for 5 minutes. */
async function receiveAll(queueUrl: string): Promise<Message[]> {
  const all: Message[] = [];
  for (let empty = 0; empty < 3; ) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
        VisibilityTimeout: 300,
        WaitTimeSeconds: 1,
      }),
    );
    empty = Messages.length === 0 ? empty + 1 : 0;
    all.push(...Messages);
  }
  return all;
}

/** Our test messages' body; null for anything else another test left in the queue. */
function bodyOf(m: Message): { tag: string; seq: number } | null {
  try {
    return JSON.parse(m.Body ?? '') as { tag: string; seq: number };
  } catch {
    return null;
  }
}

/** Per status, the images the byStatusShard index holds (items with both a statusShard and a createdAt). */
async function indexedImagesByStatus(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await clients.dynamo.send(
      new ScanCommand({
        TableName: stack.images_table,
        ExclusiveStartKey,
        ProjectionExpression: '#s, statusShard, createdAt',
        ExpressionAttributeNames: { '#s': 'status' },
      }),
    );
    for (const { status, statusShard, createdAt } of page.Items ?? [])
      if (typeof status === 'string' && typeof statusShard === 'string' && typeof createdAt === 'string')
        counts[status] = (counts[status] ?? 0) + 1;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return counts;
}

let workDir: string;
let devStackFile: string;

/** Runs a real operations command (npx tsx scripts/ops/<name>.ts) against this suite's stack. */
async function ops(command: 'status' | 'redrive', args: string[] = []): Promise<string> {
  const { stdout } = await run('npx', ['tsx', `scripts/ops/${command}.ts`, ...args], {
    cwd: repoRoot,
    env: { ...process.env, DEV_STACK_FILE: devStackFile },
  });
  return stdout;
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'operations-e2e-'));
  devStackFile = path.join(workDir, 'dev-stack.json');
  const devStack: DevStack = { endpoint, outputs: stack };
  await writeFile(devStackFile, JSON.stringify(devStack));
});

afterAll(async () => {
  // The status test leaves delayed and in-flight messages that no later consumer should meet.
  const { queueUrl, dlqUrl } = queueOf(STATUS_FUNCTION);
  for (const url of [queueUrl, dlqUrl]) await clients.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
  await rm(workDir, { recursive: true, force: true });
});

describe('operations commands (against the Terraform-made stack in moto): make redrive', () => {
  it('make redrive moves every dead letter back to its queue exactly once, attributes and all', async () => {
    const { queueUrl, dlqUrl } = queueOf(REDRIVE_FUNCTION);
    const tag = randomUUID();
    const count = 27; // two full batches of 10 and a partial one
    for (let start = 0; start < count; start += 10) {
      const seqs = Array.from({ length: Math.min(10, count - start) }, (_, i) => start + i);
      const entries = seqs.map((seq) => ({
        Id: `e${seq}`,
        MessageBody: JSON.stringify({ tag, seq }),
        MessageAttributes: {
          metadata_type: { DataType: 'String', StringValue: `caption-${seq}` },
          seq: { DataType: 'Number', StringValue: String(seq) },
          raw: { DataType: 'Binary', BinaryValue: Uint8Array.from([seq, 255 - seq]) },
        },
      }));
      const { Failed = [] } = await clients.sqs.send(
        new SendMessageBatchCommand({ QueueUrl: dlqUrl, Entries: entries }),
      );
      expect(Failed).toEqual([]);
    }
    const deadLetters = (await depth(dlqUrl)).visible; // ours, plus any another test left
    expect(deadLetters).toBeGreaterThanOrEqual(count);

    const stdout = await ops('redrive', [REDRIVE_FUNCTION]);

    expect(stdout).toContain(`moved ${deadLetters} messages from ${nameOf(dlqUrl)} to ${nameOf(queueUrl)}`);
    expect(await depth(dlqUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    const ours = (await receiveAll(queueUrl)).filter((m) => bodyOf(m)?.tag === tag);
    expect(ours.map((m) => bodyOf(m)?.seq).sort((a = 0, b = 0) => a - b)).toEqual(
      Array.from({ length: count }, (_, i) => i),
    );
    for (const m of ours) {
      const seq = bodyOf(m)?.seq ?? -1;
      const { metadata_type, seq: seqAttribute, raw } = m.MessageAttributes ?? {};
      expect(metadata_type).toMatchObject({ DataType: 'String', StringValue: `caption-${seq}` });
      expect(seqAttribute).toMatchObject({ DataType: 'Number', StringValue: String(seq) });
      expect(raw?.DataType).toBe('Binary');
      expect([...(raw?.BinaryValue ?? [])]).toEqual([seq, 255 - seq]);
    }
    for (let i = 0; i < ours.length; i += 10) {
      const entries = ours.slice(i, i + 10).map((m, j) => ({ Id: `d${j}`, ReceiptHandle: m.ReceiptHandle }));
      await clients.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    }
  });
});

describe('operations commands (against the Terraform-made stack in moto): make status', () => {
  it('make status prints every queue’s visible, in-flight, delayed and DLQ counts, and the images by status', async () => {
    const { queueUrl, dlqUrl } = queueOf(STATUS_FUNCTION);
    const before = { queue: await depth(queueUrl), dlq: await depth(dlqUrl) };
    const send = (url: string, body: string, DelaySeconds?: number) =>
      clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, DelaySeconds }));
    for (let i = 0; i < 3; i++) await send(queueUrl, `now ${i}`);
    for (let i = 0; i < 2; i++) await send(queueUrl, `later ${i}`, 900);
    for (let i = 0; i < 4; i++) await send(dlqUrl, `dead ${i}`);
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 900 }),
    );
    expect(Messages).toHaveLength(1);

    const indexed = await indexedImagesByStatus();
    const ours: Record<ImageStatus, number> = {
      UPLOADED: 2,
      ACCEPTED: 1,
      PROCESSED: 3,
      REJECTED: 1,
      DELETED: 2,
    };
    const tag = randomUUID();
    const items = Object.entries(ours).flatMap(([status, n]) =>
      Array.from({ length: n }, (_, i) => ({
        imageId: `ops-${tag}-${status}-${i}`,
        owner: 'ops-e2e',
        status,
        // What the store writes with every status (the byStatusShard key).
        statusShard: statusShardOf(status as ImageStatus, `ops-${tag}-${status}-${i}`),
        createdAt: new Date().toISOString(),
      })),
    );
    const write = (requests: object[]) =>
      clients.dynamo.send(new BatchWriteCommand({ RequestItems: { [stack.images_table]: requests } }));
    await write(items.map((Item) => ({ PutRequest: { Item } })));
    const expectedQueues = Object.fromEntries(
      await Promise.all(
        queueFunctions.map(async (q) => [
          q.name,
          { ...(await depth(q.queueUrl)), dlq: (await depth(q.dlqUrl)).visible },
        ]),
      ),
    );

    const stdout = await ops('status');

    const queueRows = Object.fromEntries(
      [...stdout.matchAll(/^ {2}(\S+) +(\d+) +(\d+) +(\d+) +(\d+)\b/gm)].map(([, name, ...n]) => [
        name,
        { visible: Number(n[0]), inFlight: Number(n[1]), delayed: Number(n[2]), dlq: Number(n[3]) },
      ]),
    );
    expect(queueRows[STATUS_FUNCTION]).toEqual({
      visible: before.queue.visible + 2,
      inFlight: before.queue.inFlight + 1,
      delayed: before.queue.delayed + 2,
      dlq: before.dlq.visible + 4,
    });
    expect(queueRows).toEqual(expectedQueues);
    expect(stdout).toContain(`← make redrive QUEUE=${STATUS_FUNCTION}`);
    const statusRows = Object.fromEntries(
      [...stdout.matchAll(/^ {2}([A-Z]+|total) +(\d+)$/gm)].map(([, status, n]) => [status, Number(n)]),
    );
    const expected = Object.fromEntries(IMAGE_STATUSES.map((s) => [s, (indexed[s] ?? 0) + ours[s]]));
    expect(statusRows).toEqual({ ...expected, total: Object.values(expected).reduce((a, b) => a + b, 0) });

    await write(items.map(({ imageId }) => ({ DeleteRequest: { Key: { imageId } } })));
  });
});
