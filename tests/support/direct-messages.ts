/**
 * Support for the integration tests of functions that take messages published
 * straight to image-events by other systems (metadata, moderation): publish
 * with the real aws CLI, make images in a given state through the real
 * pipeline, and read what the local runtime's handlers logged.
 */
import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startRuntime } from '../../scripts/local/lambda/runtime.ts';
import type { StackOutputs } from '../../scripts/local/stack/stack-outputs.ts';
import type { TestClients } from './aws.ts';
import { aws } from './cli.ts';
import { makeJpeg } from './fixtures.ts';
import { queueDepth, waitForStatus } from './pipeline.ts';
import { waitFor } from './wait.ts';

/** A String message attribute per name, as `aws sns publish --message-attributes` takes them. */
export type StringAttributes = Record<string, string>;

/**
 * Publishes `message` to the events topic with the real `aws sns publish`,
 * the way an integration would.
 *
 * @returns the SNS MessageId.
 */
export async function publishWithCli(
  endpoint: string,
  stack: StackOutputs,
  message: string,
  attributes: StringAttributes = {},
): Promise<string> {
  const args = ['sns', 'publish', '--topic-arn', stack.events_topic_arn, '--message', message];
  if (Object.keys(attributes).length > 0) {
    const json = Object.fromEntries(
      Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
    );
    args.push('--message-attributes', JSON.stringify(json));
  }
  const out = JSON.parse(await aws(endpoint, [...args, '--output', 'json'])) as { MessageId: string };
  return out.MessageId;
}

/** Uploads a small JPEG under `uploads/<owner>/` and waits for the pipeline to make it PROCESSED. */
export async function uploadProcessedImage(
  clients: TestClients,
  stack: StackOutputs,
  owner: string,
): Promise<{ imageId: string; key: string }> {
  const imageId = randomUUID();
  const key = `uploads/${owner}/${imageId}.jpg`;
  const body = await makeJpeg(320, 240);
  await clients.s3.send(new PutObjectCommand({ Bucket: stack.uploads_bucket, Key: key, Body: body }));
  await waitForStatus(clients, stack, imageId, 'PROCESSED', 60_000);
  return { imageId, key };
}

/** One PROCESSED image per owner (see {@link uploadProcessedImage}), made in parallel; their ids. */
export async function uploadProcessedImageIds(
  clients: TestClients,
  stack: StackOutputs,
  ...owners: string[]
): Promise<string[]> {
  const images = await Promise.all(owners.map((owner) => uploadProcessedImage(clients, stack, owner)));
  return images.map((image) => image.imageId);
}

/** A PROCESSED image whose original was then removed, so the delete function marked it DELETED. */
export async function uploadDeletedImage(clients: TestClients, stack: StackOutputs, owner: string) {
  const image = await uploadProcessedImage(clients, stack, owner);
  await clients.s3.send(new DeleteObjectCommand({ Bucket: stack.uploads_bucket, Key: image.key }));
  await waitForStatus(clients, stack, image.imageId, 'DELETED', 60_000);
  return image;
}

/** Waits until a function's queue and its DLQ hold nothing (visible or in flight). */
export async function waitForQueueAndDlqEmpty(clients: TestClients, stack: StackOutputs, name: string) {
  const fn = stack.functions[name];
  if (!fn?.queue_url || !fn.dlq_url) throw new Error(`${name}: no queue in the stack outputs`);
  const { queue_url: queueUrl, dlq_url: dlqUrl } = fn;
  await waitFor(`${name}'s queue and DLQ to be empty`, async () => {
    const depths = [await queueDepth(clients, queueUrl), await queueDepth(clients, dlqUrl)];
    if (depths.every((depth) => depth === 0)) return true;
    throw new Error(`queue ${depths[0]}, DLQ ${depths[1]}`);
  });
}

/** One Powertools log entry of a handler. */
export type LogEntry = Record<string, unknown> & { level?: string; message?: string };

/**
 * Collects what the local runtime prints. Start the runtime with
 * `log: runtimeLog.sink, style: RuntimeLog.style` so handler lines stay JSON.
 */
export class RuntimeLog {
  /** Raw handler output and runtime notes, unformatted. */
  static readonly style = { color: false, format: 'json' } as const;
  readonly lines: string[] = [];
  readonly sink = (line: string): void => {
    this.lines.push(line);
  };

  /** Lines of one function, without the `name | ` prefix. */
  linesOf(name: string): string[] {
    const prefix = new RegExp(`^${name}\\s+\\| `);
    return this.lines.filter((line) => prefix.test(line)).map((line) => line.replace(prefix, ''));
  }

  /** The JSON log entries one function's handler wrote. */
  entriesOf(name: string): LogEntry[] {
    return this.linesOf(name).flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as LogEntry];
      } catch {
        return [];
      }
    });
  }

  /** The runtime's notes of batches with failed messages (each is retried or dead-lettered). */
  failedBatchesOf(name: string): string[] {
    return this.linesOf(name).filter((line) => line.startsWith('✖'));
  }

  /** Waits for a log entry of `name` that satisfies `matches`. */
  waitForEntry(name: string, what: string, matches: (entry: LogEntry) => boolean): Promise<LogEntry> {
    return waitFor(`${name} to log ${what}`, async () => this.entriesOf(name).find(matches), {
      timeoutMs: 30_000,
    });
  }

  /** Waits for `name` to acknowledge a message as permanently failed with an error message matching `reason`. */
  waitForAcknowledged(name: string, reason: RegExp): Promise<LogEntry> {
    return this.waitForEntry(name, `an acknowledged message matching ${reason}`, (entry) => {
      const error = entry.error as { message?: string } | undefined;
      return (
        entry.message === 'Acknowledging a message that can never succeed' &&
        reason.test(error?.message ?? '')
      );
    });
  }
}

type Runtime = Awaited<ReturnType<typeof startRuntime>>;

/**
 * The local runtimes of a direct-message function's integration test, all
 * printing into one {@link RuntimeLog}: the upload pipeline (ingest, resize,
 * delete), which makes images for the whole file, and the function under
 * test, served on its own per test so each test can give it its own faults.
 */
export class DirectMessageRuntimes {
  readonly log = new RuntimeLog();
  private pipeline: Runtime | undefined;
  private served: Runtime | undefined;

  constructor(
    private readonly endpoint: string,
    private readonly stack: StackOutputs,
    /** The function under test. */
    private readonly name: string,
  ) {}

  /** Starts ingest, resize and delete (in `beforeAll`). */
  async startPipeline(): Promise<void> {
    this.pipeline = await this.start(['ingest', 'resize', 'delete']);
  }

  /** Serves the function under test with extra environment such as `PIPELINE_FAULTS`. */
  async serve(env: Record<string, string> = {}): Promise<void> {
    this.served = await this.start([this.name], env);
  }

  /** Stops the function under test, if served (in `afterEach`). */
  async stopServed(): Promise<void> {
    await this.served?.stop();
    this.served = undefined;
  }

  /** Stops the pipeline (in `afterAll`). */
  async stopPipeline(): Promise<void> {
    await this.pipeline?.stop();
    this.pipeline = undefined;
  }

  private start(functions: string[], env: Record<string, string> = {}): Promise<Runtime> {
    return startRuntime({
      outputs: this.stack,
      endpoint: this.endpoint,
      functions,
      env,
      log: this.log.sink,
      style: RuntimeLog.style,
    });
  }
}
