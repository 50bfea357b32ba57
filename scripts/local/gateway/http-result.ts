/**
 * How API Gateway's HTTP API turns a Lambda result (payload format 2.0) into
 * the HTTP response, and the responses the gateway itself sends (`{"message":
 * "Not Found"}`, ...). No I/O here.
 */
import type { InvocationOutcome } from '../lambda/invocation.ts';

/** An HTTP response ready to write. Header names lower-case; `set-cookie` may repeat. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** A response and what the developer should know about the result that produced it. */
export interface MappedResult {
  response: HttpResponse;
  /** Why a result was refused or partly ignored (logged by the gateway; API Gateway says nothing). */
  warnings: string[];
}

/** A response API Gateway produces itself: `{"message": "<message>"}` as JSON. */
export function gatewayResponse(
  statusCode: number,
  message: string,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify({ message })),
  };
}

const internalError = (warning: string): MappedResult => ({
  response: gatewayResponse(500, 'Internal Server Error'),
  warnings: [warning],
});

/**
 * Maps a handler's result as API Gateway does for format 2.0: a result with
 * `statusCode` gives status, headers, `cookies` (one Set-Cookie each) and the
 * body (base64-decoded when `isBase64Encoded`); any other result becomes a
 * 200 `application/json` response whose body is the result (a string as is,
 * anything else as JSON). A malformed result is a 500, as on AWS.
 */
export function mapLambdaResult(result: unknown): MappedResult {
  const structured =
    result !== null && typeof result === 'object' && !Array.isArray(result) && 'statusCode' in result;
  if (!structured) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return {
      response: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) },
      warnings: [],
    };
  }
  const { statusCode, headers, multiValueHeaders, cookies, body, isBase64Encoded } = result as Record<
    string,
    unknown
  >;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    return internalError(`statusCode ${JSON.stringify(statusCode)} is not an HTTP status`);
  }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return internalError(`body must be a string (JSON.stringify it), got ${typeof body}`);
  }
  const warnings: string[] = [];
  if (multiValueHeaders !== undefined) {
    warnings.push(
      'multiValueHeaders is ignored in payload format 2.0: use headers (comma-joined) and cookies',
    );
  }
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = String(value);
  }
  if (Array.isArray(cookies) && cookies.length > 0) {
    const existing = out['set-cookie'];
    out['set-cookie'] = [...(existing === undefined ? [] : [existing].flat()), ...cookies.map(String)];
  }
  const text = typeof body === 'string' ? body : '';
  return {
    response: {
      statusCode,
      headers: out,
      body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text),
    },
    warnings,
  };
}

/**
 * The response for one invocation outcome: the mapped result, or API
 * Gateway's 500 when the function failed (error, timeout, crash, init), with
 * the reason as a warning for the log.
 */
export function responseForOutcome(outcome: InvocationOutcome): MappedResult {
  if (outcome.ok) return mapLambdaResult(outcome.result);
  return internalError(`invocation failed (${outcome.kind}): ${outcome.message.split('\n')[0]}`);
}
