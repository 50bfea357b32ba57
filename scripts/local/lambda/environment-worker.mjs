// @ts-check
/**
 * One Lambda execution environment: a child process per function, started
 * by execution-environment.ts with the function's environment. It imports the
 * built handler (functions/<name>/dist/index.mjs) once, like Lambda's init phase, then runs
 * one invocation at a time on request over IPC.
 *
 * Plain JavaScript on purpose: the handler must run as it will on Lambda,
 * from its bundle, with no TypeScript loader that could hide a bundling gap.
 *
 * Protocol (JSON over the IPC channel):
 *   parent -> child  { type: 'invoke', id, event, context: ContextInfo }
 *   child -> parent  { type: 'ready' } | { type: 'init-error', message }
 *                    { type: 'result', id, ok: true, result, usage } | { type: 'result', id, ok: false, message, usage }
 * where usage is { durationMs, cpuMs, s3BytesRead } of the handler call (ResourceUsage in invocation.ts).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startS3ReadMeter } from './s3-read-meter.mjs';

const handlerPath = process.argv[2];

/** @param {unknown} error */
function describe(error) {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : JSON.stringify(error);
}

/** @param {object} message */
function send(message) {
  process.send?.(message);
}

/**
 * A Lambda Context around the data the parent computed.
 * @param {{ deadlineMs: number } & Record<string, unknown>} info
 */
function makeContext(info) {
  const { deadlineMs, ...fields } = info;
  return {
    ...fields,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

// Before the handler's import, so clients it creates at init are seen too.
const s3Reads = startS3ReadMeter();

/**
 * Runs `call` and measures it. The process's CPU time is the handler's because an environment
 * runs one invocation at a time; it includes libvips' threads, which run in this process.
 * @param {() => Promise<unknown>} call
 */
async function measured(call) {
  s3Reads.reset();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const usage = () => {
    const cpu = process.cpuUsage(cpuBefore);
    return {
      durationMs: performance.now() - started,
      cpuMs: (cpu.user + cpu.system) / 1000,
      s3BytesRead: s3Reads.read(),
    };
  };
  try {
    const result = await call();
    return { ok: true, result: result ?? null, usage: usage() };
  } catch (error) {
    return { ok: false, message: describe(error), usage: usage() };
  }
}

let handler;
try {
  if (!handlerPath) throw new Error('usage: environment-worker.mjs <handler module>');
  const module = await import(pathToFileURL(handlerPath).href);
  handler = module.handler;
  if (typeof handler !== 'function') {
    throw new Error(`${handlerPath} does not export a function named "handler"`);
  }
} catch (error) {
  send({ type: 'init-error', message: describe(error) });
  process.exit(1);
}

process.on('message', async (/** @type {any} */ message) => {
  if (message?.type !== 'invoke') return;
  const outcome = await measured(() => handler(message.event, makeContext(message.context)));
  send({ type: 'result', id: message.id, ...outcome });
});

// Lambda's Node runtime ends the environment on an unhandled rejection; so do we (the parent sees a crash).
process.on('unhandledRejection', (reason) => {
  console.error(`Runtime.UnhandledPromiseRejection: ${describe(reason)}`);
  process.exit(128);
});
process.on('disconnect', () => process.exit(0));

send({ type: 'ready' });
