import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createExecutionEnvironment, type ExecutionEnvironment } from '../../lambda/execution-environment.ts';
import { buildContextInfo, type InvocationOutcome } from '../../lambda/invocation.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const OBJECT = Buffer.alloc(50_000, 7);

/** Answers GetObject (whole or one range) and ListObjectsV2 of bucket `b` as S3 would, over plain HTTP. */
function answerS3(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://local');
  if (/^\/b\/?$/.test(url.pathname) && url.searchParams.get('list-type') === '2') {
    response.writeHead(200, { 'content-type': 'application/xml' });
    response.end(
      '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<Name>b</Name><KeyCount>1</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>',
    );
    return;
  }
  const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
  const body = range ? OBJECT.subarray(Number(range[1]), Number(range[2]) + 1) : OBJECT;
  response.writeHead(range ? 206 : 200, {
    'content-type': 'image/jpeg',
    'content-length': body.length,
    ...(range && { 'content-range': `bytes ${range[1]}-${range[2]}/${OBJECT.length}` }),
  });
  response.end(body);
}

let server: Server;
let endpoint: string;
let environment: ExecutionEnvironment | undefined;

beforeAll(async () => {
  server = createServer(answerS3).listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
});
afterEach(async () => {
  await environment?.stop();
  environment = undefined;
});

const context = () =>
  buildContextInfo({
    functionName: 'local-probe',
    region: 'us-east-1',
    accountId: '123456789012',
    memoryMb: 128,
    timeoutSeconds: 30,
  });

/** Runs `fixture` once in an execution environment of its own with `event`. */
async function invokeFixture(fixture: string, event: unknown): Promise<InvocationOutcome> {
  const handlerPath = path.join(FIXTURES, fixture);
  environment = createExecutionEnvironment({
    name: 'probe',
    fn: {
      function_name: 'local-probe',
      queue_url: null,
      dlq_url: null,
      batch_size: null,
      timeout_seconds: 30,
      environment: {},
    },
    region: 'us-east-1',
    endpoint,
    handlerPath,
    memoryMb: 128,
    onOutput: () => {},
  });
  return environment.invoke(event, context);
}

describe('the execution environment measures each handler call', () => {
  it('counts the body bytes of S3 GetObject responses, whole or ranged, and not a listing', async () => {
    const outcome = await invokeFixture('s3-read-handler.mjs', { bucket: 'b', key: 'photo.jpg' });

    expect(outcome).toMatchObject({ ok: true, result: { whole: 50_000, head: 1_024, listed: 1 } });
    expect(outcome.usage?.s3BytesRead).toBe(50_000 + 1_024);
  });

  it('counts each call on its own in a warm environment', async () => {
    await invokeFixture('s3-read-handler.mjs', { bucket: 'b', key: 'photo.jpg' });
    const second = await (environment as ExecutionEnvironment).invoke(
      { bucket: 'b', key: 'photo.jpg' },
      context,
    );

    expect(second.usage?.s3BytesRead).toBe(50_000 + 1_024);
  });

  it('reports the CPU time a CPU-bound handler used', async () => {
    const outcome = await invokeFixture('cpu-handler.mjs', { cpuMs: 50 });

    expect(outcome.ok).toBe(true);
    expect(outcome.usage?.cpuMs).toBeGreaterThanOrEqual(50);
    expect(outcome.usage?.s3BytesRead).toBe(0);
  });

  it('reports the wall time of a handler that waits, and less CPU than that', async () => {
    const outcome = await invokeFixture('sleep-handler.mjs', { sleepMs: 300 });

    expect(outcome.usage?.durationMs).toBeGreaterThanOrEqual(300);
    expect(outcome.usage?.cpuMs).toBeLessThan(outcome.usage?.durationMs as number);
  });
});
