import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../../../scripts/local/lambda/runtime.ts';
import { invokeScheduledOnce } from '../../../../scripts/local/lambda/scheduler.ts';
import { motoStack } from '../../../../tests/support/aws.ts';
import { aws } from '../../../../tests/support/cli.ts';
import { makeJpeg } from '../../../../tests/support/fixtures.ts';
import { waitForStatus } from '../../../../tests/support/pipeline.ts';
import { waitFor } from '../../../../tests/support/wait.ts';

const { stack, endpoint, clients } = motoStack();
const NAMESPACE = stack.functions['bucket-metrics']?.environment?.METRICS_NAMESPACE ?? 'CustomS3';

/** This file's own top-level folder of the uploads bucket: outside `uploads/`, so no S3 notification fires. */
const folder = `metrics-test-${randomUUID().slice(0, 8)}/`;
const COUNT = 1500;
/** Varied sizes, 0 to 4,999 bytes, so a count mistaken for bytes (or the reverse) shows. */
const sizeOf = (i: number) => (i * 7919) % 5000;

async function putObjects(bucket: string, objects: Array<{ key: string; size: number }>): Promise<void> {
  const queue = [...objects];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await clients.s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: next.key, Body: Buffer.alloc(next.size, 7) }),
      );
    }
  };
  await Promise.all(Array.from({ length: 25 }, worker));
}

/** The truth, from the aws CLI's own listing (it follows every page itself): objects and bytes. */
async function cliListing(bucket: string): Promise<Array<{ Key: string; Size: number }>> {
  const out = await aws(endpoint, ['s3api', 'list-objects-v2', '--bucket', bucket, '--output', 'json']);
  return out.trim()
    ? ((JSON.parse(out) as { Contents?: Array<{ Key: string; Size: number }> }).Contents ?? [])
    : [];
}

const tally = (objects: Array<{ Size: number }>) => ({
  objects: objects.length,
  bytes: objects.reduce((sum, o) => sum + o.Size, 0),
});

/**
 * A statistic of one metric, read with the real `aws cloudwatch get-metric-statistics`,
 * over [start, end). moto matches `--dimensions` as a subset (CloudWatch matches them
 * exactly), so a bucket-only query also sees that bucket's per-prefix datapoints:
 * Maximum still is the bucket's total, since every prefix holds less than it.
 */
async function statistic(
  metric: string,
  dimensions: Record<string, string>,
  window: { start: Date; end: Date },
  stat: 'Maximum' | 'SampleCount' | 'Sum' = 'Maximum',
  namespace = NAMESPACE,
): Promise<number | undefined> {
  const out = await aws(endpoint, [
    'cloudwatch',
    'get-metric-statistics',
    '--namespace',
    namespace,
    '--metric-name',
    metric,
    '--dimensions',
    ...Object.entries(dimensions).map(([name, value]) => `Name=${name},Value=${value}`),
    '--start-time',
    window.start.toISOString(),
    '--end-time',
    window.end.toISOString(),
    '--period',
    '60',
    '--statistics',
    stat,
    '--output',
    'json',
  ]);
  const points = (JSON.parse(out) as { Datapoints: Array<Record<string, number>> }).Datapoints;
  const values = points.map((p) => p[stat] as number);
  if (values.length === 0) return undefined;
  return stat === 'Maximum' ? Math.max(...values) : values.reduce((a, b) => a + b, 0);
}

/** Messages waiting on the ingest queue. */
async function ingestQueueDepth(): Promise<number> {
  const out = await aws(endpoint, [
    'sqs',
    'get-queue-attributes',
    '--queue-url',
    stack.functions.ingest?.queue_url ?? '',
    '--attribute-names',
    'ApproximateNumberOfMessages',
    '--query',
    'Attributes.ApproximateNumberOfMessages',
    '--output',
    'text',
  ]);
  return Number(out.trim());
}

/** The one-second window a run's timestamp falls in (every metric of a run carries that timestamp). */
function runWindow(timestamp: string) {
  const start = new Date(Math.floor(Date.parse(timestamp) / 1000) * 1000);
  return { start, end: new Date(start.getTime() + 1000) };
}

let runtime: Runtime | undefined;
const renditionNames = ['thumb', 'small', 'medium', 'large'];

beforeAll(async () => {
  const before = await ingestQueueDepth();
  await putObjects(
    stack.uploads_bucket,
    Array.from({ length: COUNT }, (_, i) => ({ key: `${folder}${i}.bin`, size: sizeOf(i) })),
  );
  // A key at the root, so the bucket's total differs from every prefix's.
  await putObjects(stack.uploads_bucket, [{ key: `${folder.slice(0, -1)}.txt`, size: 123 }]);
  // Rendition-shaped keys (5 images x 4 names, varied sizes) and one stray key.
  const imageIds = Array.from({ length: 5 }, () => randomUUID());
  await putObjects(stack.renditions_bucket, [
    ...imageIds.flatMap((id, i) =>
      renditionNames.map((name, n) => ({ key: `${id}/v${i}/${name}.webp`, size: 100 * (n + 1) + i })),
    ),
    { key: `stray-${randomUUID()}.txt`, size: 7 },
  ]);
  // The uploads notification filters on `uploads/`: none of these reached the pipeline.
  const after = await ingestQueueDepth();
  expect(after).toBe(before);
});

afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

describe('bucket-metrics against moto: one run', () => {
  it('puts the true object count and bytes of each bucket and prefix, past 1,000 objects (the daily reconcile)', async () => {
    const outcome = await invokeScheduledOnce({
      outputs: stack,
      endpoint,
      name: 'bucket-metrics',
      env: { BUCKET_METRICS_MODE: 'reconcile' },
      log: () => {},
    });
    if (!outcome.ok) throw new Error(`bucket-metrics failed: ${outcome.message}`);
    expect(outcome.result).toMatchObject({ mode: 'reconcile' });
    const window = runWindow((outcome.result as { timestamp: string }).timestamp);

    const uploads = await cliListing(stack.uploads_bucket);
    const renditions = await cliListing(stack.renditions_bucket);
    const mine = uploads.filter((o) => o.Key.startsWith(folder));
    // What we put, and the CLI agrees.
    const put = {
      objects: COUNT,
      bytes: Array.from({ length: COUNT }, (_, i) => sizeOf(i)).reduce((a, b) => a + b),
    };
    expect(tally(mine)).toEqual(put);

    const read = async (dimensions: Record<string, string>) => {
      const [objects, bytes] = await Promise.all([
        statistic('NumberOfObjects', dimensions, window),
        statistic('BucketSizeBytes', dimensions, window),
      ]);
      return { objects, bytes };
    };
    expect(await read({ BucketName: stack.uploads_bucket, Prefix: folder })).toEqual(put);
    expect(await read({ BucketName: stack.uploads_bucket, Prefix: '/' })).toEqual(
      tally(uploads.filter((o) => !o.Key.includes('/'))),
    );
    expect(await read({ BucketName: stack.uploads_bucket, Prefix: 'uploads/' })).toEqual(
      tally(uploads.filter((o) => o.Key.startsWith('uploads/'))),
    );
    expect(await read({ BucketName: stack.uploads_bucket })).toEqual(tally(uploads));

    const renditionKey = /^[^/]+\/[^/]+\/(thumb|small|medium|large)\.[^/]+$/;
    for (const name of renditionNames) {
      const truth = tally(renditions.filter((o) => renditionKey.exec(o.Key)?.[1] === name));
      expect(truth.objects).toBeGreaterThanOrEqual(5);
      expect(await read({ BucketName: stack.renditions_bucket, Prefix: `renditions/${name}` })).toEqual(
        truth,
      );
    }
    expect(await read({ BucketName: stack.renditions_bucket, Prefix: '(other)' })).toEqual(
      tally(renditions.filter((o) => !renditionKey.test(o.Key))),
    );
    expect(await read({ BucketName: stack.renditions_bucket })).toEqual(tally(renditions));
    // One datapoint per metric and run.
    expect(
      await statistic(
        'NumberOfObjects',
        { BucketName: stack.uploads_bucket, Prefix: folder },
        window,
        'SampleCount',
      ),
    ).toBe(1);
  });
});

describe('bucket-metrics against moto: the 5-minute run', () => {
  it('reports from the counters and the snapshot what the reconcile listed, without listing', async () => {
    const run = (env?: Record<string, string>) =>
      invokeScheduledOnce({
        outputs: stack,
        endpoint,
        name: 'bucket-metrics',
        log: () => {},
        ...(env ? { env } : {}),
      });
    const listed = await run({ BUCKET_METRICS_MODE: 'reconcile' });
    const counted = await run();
    if (!listed.ok || !counted.ok) throw new Error('bucket-metrics failed');
    type Summary = { mode: string; buckets: Array<{ bucket: string; pages: number; prefixes: object }> };
    const [l, c] = [listed.result as Summary, counted.result as Summary];
    expect(c.mode).toBe('counters');
    expect(c.buckets.map((b) => b.pages)).toEqual([0, 0]);
    // Nothing changed in between: every Prefix value (managed or not) is what the listing said.
    expect(c.buckets.map((b) => [b.bucket, b.prefixes])).toEqual(
      l.buckets.map((b) => [b.bucket, b.prefixes]),
    );
  });
});

describe('bucket-metrics against moto: on its schedule', () => {
  it('runs on its schedule in the local runtime: first shortly after start', async () => {
    const lines: string[] = [];
    const started = new Date(Math.floor(Date.now() / 1000) * 1000);
    runtime = await startRuntime({
      outputs: stack,
      endpoint,
      functions: ['bucket-metrics'],
      schedules: true,
      scheduleFirstRunDelayMs: 200,
      log: (line) => lines.push(line),
      style: { color: false, format: 'pretty' },
    });
    expect(runtime.scheduled).toEqual(['bucket-metrics']);

    await waitFor('a scheduled run of bucket-metrics', async () =>
      lines.some((line) => line.includes('✔ ok')) ? true : undefined,
    );
    expect(lines.join('\n')).toContain(`▶ scheduled run (${stack.functions['bucket-metrics']?.schedule})`);
    const since = { start: started, end: new Date(Date.now() + 1000) };
    expect(
      await statistic('NumberOfObjects', { BucketName: stack.uploads_bucket, Prefix: folder }, since),
    ).toBe(COUNT);
  });
});

describe('bucket-metrics against moto: EMF metrics', () => {
  it('puts the EMF metrics ingest and resize print into CloudWatch (the local runtime stands in for CloudWatch Logs)', async () => {
    const started = new Date(Math.floor(Date.now() / 1000) * 1000);
    runtime = await startRuntime({
      outputs: stack,
      endpoint,
      functions: ['ingest', 'resize'],
      forwardMetrics: true,
      log: () => {},
    });
    const imageId = randomUUID();
    const jpeg = await makeJpeg(320, 240);
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: stack.uploads_bucket,
        Key: `uploads/metrics/${imageId}.jpg`,
        Body: jpeg,
      }),
    );
    await waitForStatus(clients, stack, imageId, 'PROCESSED');

    const service = stack.functions.resize?.environment?.POWERTOOLS_SERVICE_NAME ?? 'resize';
    const namespace = stack.functions.resize?.environment?.POWERTOOLS_METRICS_NAMESPACE ?? 'ImagePipeline';
    const window = () => ({ start: started, end: new Date(Date.now() + 1000) });
    const processed = await waitFor('ImagesProcessed in CloudWatch', () =>
      statistic('ImagesProcessed', { service }, window(), 'Sum', namespace),
    );
    expect(processed).toBeGreaterThanOrEqual(1);
    const took = await statistic('ProcessingMilliseconds', { service }, window(), 'Maximum', namespace);
    expect(took).toBeGreaterThan(0);
  });
});
