// @ts-check
/**
 * A measurement hook of the local runtime only (Lambda has nothing like it):
 * counts the bytes of S3 GetObject response bodies an execution environment
 * receives, so the benchmark can report bytes read from S3 per image without
 * any change to the function bundles.
 *
 * It listens on Node's `http.client.response.finish` diagnostics channel, which
 * node:http publishes for every client response once its headers are parsed and
 * before any body byte is pushed, so whatever HTTP client the bundled SDK uses on
 * node:http is seen without patching `http.request`
 * (https://nodejs.org/api/diagnostics_channel.html#http).
 *
 * What counts: responses with status 200 or 206 to GET requests whose query has
 * `x-id=GetObject`, the marker the AWS SDK for JavaScript v3 puts on every
 * GetObject (`GET /{Key+}?x-id=GetObject`). Body bytes are counted as node:http
 * receives them, so a download abandoned half-way counts what arrived, not its
 * Content-Length. Plain JavaScript, loaded by environment-worker.mjs before the handler.
 */
import diagnosticsChannel from 'node:diagnostics_channel';

const GET_OBJECT = /[?&]x-id=GetObject(?:&|$)/;

/**
 * True for a response to an S3 GetObject that carries the object's bytes.
 * @param {{ method?: string, path?: string }} request
 * @param {{ statusCode?: number }} response
 */
export function isGetObjectBody(request, response) {
  return (
    request.method === 'GET' &&
    GET_OBJECT.test(request.path ?? '') &&
    (response.statusCode === 200 || response.statusCode === 206)
  );
}

/**
 * Starts counting; `read()` is the total since the last `reset()`.
 * @returns {{ reset(): void, read(): number }}
 */
export function startS3ReadMeter() {
  let bytes = 0;
  diagnosticsChannel.subscribe('http.client.response.finish', (message) => {
    const { request, response } = /** @type {{ request: any, response: any }} */ (message);
    if (!isGetObjectBody(request, response)) return;
    // The parser hands each body chunk to push(); counting there sees every byte received,
    // whether or not (and however) the SDK consumes the stream.
    const push = response.push;
    response.push = function countedPush(/** @type {any} */ chunk, /** @type {any} */ encoding) {
      if (chunk) bytes += chunk.length;
      return push.call(this, chunk, encoding);
    };
  });
  return {
    reset() {
      bytes = 0;
    },
    read() {
      return bytes;
    },
  };
}
