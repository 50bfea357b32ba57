import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type PutObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { PurgeQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { normalizeEtag } from '@pipeline/domain';
import sharp from 'sharp';
import { expect, inject } from 'vitest';
import { type Runtime, startRuntime } from '../../../scripts/local/lambda/runtime.ts';
import { testClients } from '../../support/aws.ts';
import { aws } from '../../support/cli.ts';
import {
  createEventTap,
  type DomainEvent,
  getImage,
  listRenditionKeys,
  queueDepth,
} from '../../support/pipeline.ts';
import { waitFor } from '../../support/wait.ts';

/**
 * Shared machinery of the hostile input matrix: one local runtime per file
 * serving the functions an upload's fate depends on, an unfiltered tap on
 * image-events, the runtime's log captured line by line, and the checks every
 * case ends with (queues drained, dead-letter queues empty, every message
 * handled at its first receive, nothing failed).
 */

export const stack = inject('stack');
export const endpoint = inject('endpoint');
export const clients = testClients(endpoint);

/**
 * ingest, resize and delete decide every end state in the matrix (a rejected
 * upload's removal reaches delete). The mailer and the other queue functions
 * only react to the outcome and have their own tests; their queues are
 * purged when a file ends so later files never see this file's events.
 */
export const SERVED = ['ingest', 'resize', 'delete'] as const;

/** One line of the runtime's output: the function it came from and the text (handler lines are JSON). */
export interface LogLine {
  fn: string;
  text: string;
  json: Record<string, unknown> | undefined;
}

export interface Harness {
  runtime: Runtime;
  tap: Awaited<ReturnType<typeof createEventTap>>;
  /** Every line the runtime printed so far. */
  lines: LogLine[];
  /**
   * Dead letters in the served DLQs when the harness started: other files share
   * this moto, so the cases check that they add none, not that the queues are empty.
   */
  deadLettersBefore: Map<string, number>;
  /** Stops the runtime, closes the tap and purges the queues nobody served. */
  close(): Promise<void>;
}

function parseLine(line: string): LogLine {
  const bar = line.indexOf(' | ');
  const fn = bar < 0 ? '' : line.slice(0, bar).trim();
  const text = bar < 0 ? line : line.slice(bar + 3);
  let json: Record<string, unknown> | undefined;
  if (text.startsWith('{')) {
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
  }
  return { fn, text, json };
}

/** Starts the runtime (ingest, resize, delete) and the event tap. */
export async function startHarness(): Promise<Harness> {
  const lines: LogLine[] = [];
  const runtime = await startRuntime({
    outputs: stack,
    endpoint,
    functions: [...SERVED],
    // JSON passes handler lines through untouched, so the checks can read receiveCount and imageId.
    style: { color: false, format: 'json' },
    log: (line) => lines.push(parseLine(line)),
    retryDelaySeconds: 1,
  });
  const tap = await createEventTap(clients, stack);
  const deadLettersBefore = new Map<string, number>();
  for (const [name, url] of queueUrls('dlq_url')) deadLettersBefore.set(name, await queueDepth(clients, url));
  return {
    runtime,
    tap,
    lines,
    deadLettersBefore,
    async close() {
      await runtime.stop();
      await tap.close();
      const unserved = Object.entries(stack.functions).filter(
        ([name, fn]) => fn.queue_url && !(SERVED as readonly string[]).includes(name),
      );
      for (const [, fn] of unserved) {
        await clients.sqs.send(new PurgeQueueCommand({ QueueUrl: fn.queue_url as string }));
      }
    },
  };
}

function queueUrls(kind: 'queue_url' | 'dlq_url'): [string, string][] {
  return SERVED.map((name) => [name, stack.functions[name]?.[kind] as string]);
}

/** Waits until the served functions' queues hold nothing, visible or in flight. */
export async function waitForServedQueuesDrained(timeoutMs = 60_000): Promise<void> {
  await waitFor(
    'the ingest, resize and delete queues to drain',
    async () => {
      const busy: string[] = [];
      for (const [name, url] of queueUrls('queue_url')) {
        const depth = await queueDepth(clients, url);
        if (depth > 0) busy.push(`${name}=${depth}`);
      }
      if (busy.length === 0) return true;
      throw new Error(`still queued: ${busy.join(', ')}`);
    },
    { timeoutMs },
  );
}

/** A window on the runtime's log: what happened since it was opened. */
export class LogWindow {
  private readonly start: number;

  constructor(private readonly harness: Harness) {
    this.start = harness.lines.length;
  }

  /** Lines printed since the window opened. */
  lines(): LogLine[] {
    return this.harness.lines.slice(this.start);
  }

  /** The window as text, for failure messages. */
  dump(): string {
    return this.lines()
      .map((line) => `${line.fn} | ${line.text}`)
      .join('\n');
  }

  /** Invocations (batches handed to a handler) of `fn` in the window. */
  invocations(fn: string): number {
    return this.lines().filter((line) => line.fn === fn && line.text.startsWith('▶')).length;
  }

  /** Handler log lines that mention `needle` in any field. */
  mentioning(needle: string): LogLine[] {
    return this.lines().filter((line) => line.json && line.text.includes(needle));
  }

  /**
   * The end of every case: the served queues drained, their dead-letter
   * queues empty, no batch or message failed, no message was received more
   * than once, and nothing logged an error. With `imageId`, the handlers must
   * also have logged about it, each time at the message's first receive.
   */
  async expectSettledCleanly(imageId?: string): Promise<void> {
    await waitForServedQueuesDrained();
    for (const [name, url] of queueUrls('dlq_url')) {
      expect(await queueDepth(clients, url), `${name} dead-letter queue\n${this.dump()}`).toBe(
        this.harness.deadLettersBefore.get(name) ?? 0,
      );
    }
    const lines = this.lines();
    const failures = lines.filter(
      (line) =>
        line.text.startsWith('✖') ||
        line.text.startsWith('runtime error') ||
        /, \d+ retried/.test(line.text) ||
        line.json?.level === 'ERROR' ||
        line.json?.level === 'CRITICAL',
    );
    expect(
      failures.map((line) => `${line.fn} | ${line.text}`),
      this.dump(),
    ).toEqual([]);
    const receives = lines.flatMap((line) =>
      line.json?.receiveCount === undefined ? [] : [String(line.json.receiveCount)],
    );
    expect(
      receives.filter((count) => count !== '1'),
      `every message handled at its first receive\n${this.dump()}`,
    ).toEqual([]);
    if (imageId) {
      const about = this.mentioning(imageId).filter((line) => line.json?.receiveCount !== undefined);
      expect(
        about.length,
        `handler lines about ${imageId}, with their message's receive count\n${this.dump()}`,
      ).toBeGreaterThan(0);
    }
  }
}

/** Uploads with the SDK (PutObject, one ObjectCreated:Put event); returns the version (bare eTag). */
export async function put(key: string, body: Buffer, contentType = 'image/jpeg'): Promise<string> {
  const out: PutObjectCommandOutput = await clients.s3.send(
    new PutObjectCommand({ Bucket: stack.uploads_bucket, Key: key, Body: body, ContentType: contentType }),
  );
  return normalizeEtag(out.ETag ?? '');
}

/** Uploads with the real `aws s3 cp` (multipart above 8 MB, as people do). */
export async function cp(key: string, body: Buffer): Promise<void> {
  const file = path.join(
    tmpdir(),
    `hostile-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  );
  await writeFile(file, body);
  try {
    await aws(endpoint, ['s3', 'cp', '--only-show-errors', file, `s3://${stack.uploads_bucket}/${key}`]);
  } finally {
    await rm(file, { force: true });
  }
}

/** Reads an object back as bytes. */
export async function readObject(bucket: string, key: string): Promise<Buffer> {
  const { Body } = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await (Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

/** `true` when the upload is still in the bucket. */
export async function uploadExists(key: string): Promise<boolean> {
  try {
    await clients.s3.send(new HeadObjectCommand({ Bucket: stack.uploads_bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') return false;
    throw error;
  }
}

/** Waits for the record to reach a terminal status for this upload (any version when omitted). */
export async function waitForSettledRecord(
  imageId: string,
  status: string,
  version?: string,
  timeoutMs = 60_000,
) {
  return waitFor(
    `image ${imageId} to be ${status}${version ? ` at version ${version}` : ''}`,
    async () => {
      const item = await getImage(clients, stack, imageId);
      if (item?.status === status && (!version || item.version === version)) return item;
      throw new Error(
        `still ${item ? `${item.status} ${item.statusReason ?? ''} v${item.version}` : 'no record'}`,
      );
    },
    { timeoutMs },
  );
}

/** Domain events the pipeline published about one image, in order of arrival. */
export async function eventsFor(harness: Harness, imageId: string): Promise<DomainEvent[]> {
  return (await harness.tap.events()).filter((event) => event.imageId === imageId);
}

/** Sends a raw body to a served function's queue, as a redelivery would. */
export async function deliver(fn: (typeof SERVED)[number], body: string): Promise<void> {
  await clients.sqs.send(
    new SendMessageCommand({ QueueUrl: stack.functions[fn]?.queue_url as string, MessageBody: body }),
  );
}

/** Every rendition of an image with its decoded metadata and first pixel (top-left). */
export async function renditionsOf(imageId: string) {
  const keys = await listRenditionKeys(clients, stack, imageId);
  return Promise.all(
    keys.map(async (key) => {
      const body = await readObject(stack.renditions_bucket, key);
      return { key, body, meta: await sharp(body).metadata() };
    }),
  );
}

/** RGB of the pixel at (x, y) of an encoded image, after sRGB conversion. */
export async function pixel(body: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(body).toColourspace('srgb').removeAlpha().raw().toBuffer({
    resolveWithObject: true,
  });
  const at = (y * info.width + x) * info.channels;
  return [data[at] as number, data[at + 1] as number, data[at + 2] as number];
}
