import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../../../scripts/local/lambda/runtime.ts';
import { invokeScheduledOnce } from '../../../../scripts/local/lambda/scheduler.ts';
import { motoStack } from '../../../../tests/support/aws.ts';
import { makeJpeg } from '../../../../tests/support/fixtures.ts';
import { waitFor } from '../../../../tests/support/wait.ts';

const { stack, endpoint, clients } = motoStack();

interface Summary {
  mode: string;
  buckets: Array<{ bucket: string; prefixes: Record<string, { objects: number; bytes: number }> }>;
  images?: { inFlight: number; settled: number };
}

/** One run of bucket-metrics (the 5-minute one, or with `env` the reconcile). */
async function run(env?: Record<string, string>): Promise<Summary> {
  const outcome = await invokeScheduledOnce({
    outputs: stack,
    endpoint,
    name: 'bucket-metrics',
    log: () => {},
    ...(env ? { env } : {}),
  });
  if (!outcome.ok) throw new Error(`bucket-metrics failed: ${outcome.message}`);
  return outcome.result as Summary;
}

/** The `uploads/` objects a run reported for the uploads bucket. */
const uploadsCount = (summary: Summary) =>
  summary.buckets.find((b) => b.bucket === stack.uploads_bucket)?.prefixes['uploads/']?.objects;

let runtime: Runtime | undefined;

afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

describe('bucket-metrics against moto: work in flight at the reconcile', () => {
  it('leaves an upload whose event is still queued out of the offset, so it is counted once, when it lands', async () => {
    const imageId = randomUUID();
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: stack.uploads_bucket,
        Key: `uploads/metrics/${imageId}.jpg`,
        Body: await makeJpeg(64, 48),
      }),
    );
    // Nothing runs ingest yet: the upload's event waits in the ingest queue while the reconcile lists it.
    const listed = await run({ BUCKET_METRICS_MODE: 'reconcile' });
    expect(listed.images?.inFlight).toBeGreaterThanOrEqual(1);
    const truth = uploadsCount(listed) ?? 0;
    // The counters (with the new offset) do not count it yet: the listing did, the offset did not take it in.
    expect(uploadsCount(await run())).toBeLessThan(truth);

    runtime = await startRuntime({
      outputs: stack,
      endpoint,
      functions: ['ingest', 'bucket-counters'],
      log: () => {},
    });
    // Once ingest and bucket-counters have applied the queued events, the counters match the listing,
    // and do not count the upload a second time.
    let seen: number | undefined;
    await waitFor(
      `the counters to count uploads/ as the listing did (${truth}; last run: ${seen})`,
      async () => {
        seen = uploadsCount(await run());
        return seen === truth ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 1000 },
    );
  });
});
