/**
 * Section 2: the local pipeline end to end. Starts a moto server of its own
 * (BENCH_AWS_PORT, default 4595, or the next free port), applies
 * terraform/envs/local with its own state under .local/bench/, runs the local
 * Lambda runtime, then uploads with the S3 SDK at each concurrency (a closed
 * loop: that many uploads in flight, each followed by the next once it is
 * PROCESSED) and times upload start to PROCESSED in the table.
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CLASSIC_RENDITION_PROFILE, imageIdForKey } from '@pipeline/domain';
import { localClientConfig } from '@pipeline/local-aws/credentials';
import { type Runtime, type RuntimeOptions, startRuntime } from '../local/lambda/runtime.ts';
import { applyLocal } from '../local/stack/apply-stack.ts';
import { StatusTracker, startFreeMoto } from './e2e-support.ts';
import type { BenchImage } from './inputs.ts';
import type { EnvironmentsUsed, InvocationSample } from './invocation-log.ts';
import { REPO_ROOT } from './paths.ts';
import { type PipelineMeasure, PipelineRecorder } from './pipeline-measure.ts';
import { percentile } from './stats.ts';

/** One concurrency level. */
export interface E2eLevel {
  concurrency: number;
  uploads: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  imagesPerMinute: number;
  /** Median PutObject time, ms (part of the latency). */
  uploadMs: number;
  /** Latencies per image name, ms, in completion order. */
  byImage: Record<string, number[]>;
  /** Execution environments each function used (from the runtime's invocation stats; empty without them). */
  environments: Record<string, EnvironmentsUsed>;
}

export interface E2eResult {
  levels: E2eLevel[];
  /** Handler durations (ms) per function at concurrency 1, per image name, in upload order. */
  handlerMs: Record<string, Record<string, number[]>>;
  setupMs: number;
  port: number;
  /** Per image at concurrency 1: S3 bytes, CPU and billed ms of every function, requests. */
  pipeline?: PipelineMeasure;
}

const STATE_DIR = path.join(REPO_ROOT, '.local', 'bench');

/**
 * startRuntime's options with `onInvocation` (scripts/local/lambda/invocation-stats.ts). Declared
 * here as optional so the bench compiles against a runtime without it; then no stats arrive and
 * the pipeline rows read "n/a".
 */
type RuntimeOptionsWithStats = RuntimeOptions & {
  onInvocation?: (stats: Omit<InvocationSample, 'endedAt'>) => void;
};

/**
 * Runs the levels `[concurrency, uploads]` in order and stops everything it started.
 * @throws Error when the stack cannot start or an image does not reach PROCESSED in time.
 */
export async function benchEndToEnd(
  images: BenchImage[],
  levels: [concurrency: number, uploads: number][],
  log: (line: string) => void,
): Promise<E2eResult> {
  mkdirSync(STATE_DIR, { recursive: true });
  const setupStarted = Date.now();
  const moto = await startFreeMoto(Number(process.env.BENCH_AWS_PORT ?? 4595), STATE_DIR);
  let runtime: Runtime | undefined;
  let recorder: PipelineRecorder | undefined;
  const runtimeLog = createWriteStream(path.join(STATE_DIR, 'runtime.log'));
  try {
    log(`  moto on port ${moto.port}; terraform apply (state in .local/bench/)`);
    const outputs = await applyLocal({
      endpoint: moto.endpoint,
      stateFile: path.join(STATE_DIR, 'terraform.tfstate'),
      progress: (line, final) => final && log(`  ${line}`),
    });
    const durations: Record<string, number[]> = {};
    recorder = new PipelineRecorder(STATE_DIR, outputs);
    const runtimeOptions: RuntimeOptionsWithStats = {
      outputs,
      endpoint: moto.endpoint,
      // Resize makes the classic eight renditions, the work section 1's core does, so the pipeline rows
      // (CPU and latency against the core, cost against today's eight) compare like with like; what
      // the default profile's square and the other features add is priced by the features section.
      env: { RENDITION_PROFILE: JSON.stringify(CLASSIC_RENDITION_PROFILE) },
      style: { color: false, format: 'pretty' },
      onInvocation: recorder.invocations.listener,
      log: (line) => {
        runtimeLog.write(`${line}\n`);
        const done = /^(\S+)\s+\|\s+✔ \d+ ok in ([\d.]+)s$/.exec(line);
        if (!done?.[1] || !done[2]) return;
        durations[done[1]] = [...(durations[done[1]] ?? []), Number(done[2]) * 1000];
      },
    };
    runtime = await startRuntime(runtimeOptions);
    const setupMs = Date.now() - setupStarted;
    const common = localClientConfig(moto.endpoint, outputs.region);
    const s3 = new S3Client({ ...common, forcePathStyle: true });
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(common));
    const tracker = new StatusTracker(dynamo, outputs.images_table);
    const bodies = new Map(images.map((image) => [image.file, readFileSync(image.file)]));

    const uploader: Uploader = { s3, bucket: outputs.uploads_bucket, tracker, images, bodies, sequence: 0 };
    const results: E2eLevel[] = [];
    const handlerMs: E2eResult['handlerMs'] = {};
    let pipeline: PipelineMeasure | undefined;
    for (const [concurrency, uploads] of levels) {
      const before = Object.fromEntries(Object.entries(durations).map(([fn, list]) => [fn, list.length]));
      const started = recorder.start();
      const { level, order, ids } = await runLevel(uploader, concurrency, uploads);
      if (concurrency === 1) {
        // The functions that run after PROCESSED (mailer, counters) finish before the next level starts.
        pipeline = await recorder.measure(started, ids);
        attributeHandlerMs(durations, before, order, handlerMs);
      }
      level.environments = recorder.environments(started);
      results.push(level);
      log(
        `  concurrency ${concurrency}: ${uploads} uploads, p50 ${Math.round(level.p50Ms)} ms, p95 ${Math.round(level.p95Ms)} ms, ${level.imagesPerMinute.toFixed(1)} images/min`,
      );
    }
    s3.destroy();
    dynamo.destroy();
    return { levels: results, handlerMs, setupMs, port: moto.port, ...(pipeline && { pipeline }) };
  } finally {
    await runtime?.stop().catch(() => undefined);
    await moto.stop().catch(() => undefined);
    recorder?.restore();
    runtimeLog.end();
  }
}

/** What the uploads of every level share; `sequence` numbers the keys across levels. */
interface Uploader {
  s3: S3Client;
  bucket: string;
  tracker: StatusTracker;
  images: BenchImage[];
  bodies: Map<string, Buffer>;
  sequence: number;
}

/** One level: `concurrency` uploads in flight until `uploads` are PROCESSED; `order` is the upload order. */
async function runLevel(
  uploader: Uploader,
  concurrency: number,
  uploads: number,
): Promise<{ level: E2eLevel; order: string[]; ids: Map<string, string> }> {
  const { s3, bucket, tracker, images, bodies } = uploader;
  const order: string[] = [];
  /** imageId -> image name, for the invocation stats. */
  const ids = new Map<string, string>();
  const latencies: number[] = [];
  const uploadTimes: number[] = [];
  const byImage: Record<string, number[]> = {};
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < uploads) {
      const index = next++;
      const image = images[index % images.length] as BenchImage;
      order.push(image.name);
      const key = `uploads/bench/c${concurrency}-${uploader.sequence++}-${image.name}`;
      ids.set(imageIdForKey(key), image.name);
      const t0 = Date.now();
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bodies.get(image.file) }));
      uploadTimes.push(Date.now() - t0);
      await tracker.waitForProcessed(imageIdForKey(key), key);
      latencies.push(Date.now() - t0);
      byImage[image.name] = [...(byImage[image.name] ?? []), Date.now() - t0];
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = Date.now() - started;
  const level = {
    concurrency,
    uploads,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: Math.max(...latencies),
    imagesPerMinute: (uploads / elapsed) * 60_000,
    uploadMs: percentile(uploadTimes, 50),
    byImage,
    environments: {},
  };
  return { level, order, ids };
}

/**
 * One image at a time: the n-th completed invocation of each function belongs to the n-th upload.
 * A function whose count of new invocations does not match the uploads is left out.
 */
function attributeHandlerMs(
  durations: Record<string, number[]>,
  before: Record<string, number>,
  order: string[],
  handlerMs: E2eResult['handlerMs'],
): void {
  for (const [fn, list] of Object.entries(durations)) {
    const mine = list.slice(before[fn] ?? 0);
    if (mine.length !== order.length) continue;
    handlerMs[fn] = {};
    mine.forEach((ms, i) => {
      const name = order[i] as string;
      (handlerMs[fn] as Record<string, number[]>)[name] ??= [];
      handlerMs[fn]?.[name]?.push(ms);
    });
  }
}
