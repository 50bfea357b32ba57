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
 *                    { type: 'result', id, ok: true, result } | { type: 'result', id, ok: false, message }
 */
import { pathToFileURL } from 'node:url';

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
  try {
    const result = await handler(message.event, makeContext(message.context));
    send({ type: 'result', id: message.id, ok: true, result: result ?? null });
  } catch (error) {
    send({ type: 'result', id: message.id, ok: false, message: describe(error) });
  }
});

// Lambda's Node runtime ends the environment on an unhandled rejection; so do we (the parent sees a crash).
process.on('unhandledRejection', (reason) => {
  console.error(`Runtime.UnhandledPromiseRejection: ${describe(reason)}`);
  process.exit(128);
});
process.on('disconnect', () => process.exit(0));

send({ type: 'ready' });
