/**
 * What the local API Gateway does with one request, in API Gateway's order:
 * CORS preflight, route match, stage throttle, payload limit, JWT
 * authorizer, then the Lambda integration (payload format 2.0) with its
 * 30-second timeout.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { buildContextInfo } from '../lambda/invocation.ts';
import { type LogStyle, paint } from '../log-format.ts';
import type { StackOutputs } from '../stack/stack-outputs.ts';
import { type CorsConfig, isPreflight, preflightHeaders } from './cors.ts';
import type { FunctionPool } from './function-pools.ts';
import {
  buildHttpEvent,
  headersOf,
  type JwtAuthorizerContext,
  jwtContext,
  newApiRequestId,
} from './http-event.ts';
import { gatewayResponse, type HttpResponse, responseForOutcome } from './http-result.ts';
import { matchRoute, type Route, type RouteMatch } from './http-routes.ts';
import type { JwtAuthorizer } from './jwt-authorizer.ts';

/** API Gateway's request payload limit. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** Lambda's limit on a synchronous invocation's event (JSON), which binary bodies reach 4/3 larger. */
export const MAX_INVOKE_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** HTTP API's longest integration timeout. */
const INTEGRATION_TIMEOUT_MS = 30_000;
const LOCAL_ACCOUNT_ID = '123456789012'; // moto's default account

/** The answer to a request, and a note for the access log line. */
export interface Handled {
  response: HttpResponse;
  note?: string;
}

/** What the handler needs of the gateway it belongs to. */
export interface GatewaySetup {
  outputs: StackOutputs;
  routes: Route[];
  cors: CorsConfig;
  /** The stage throttle: false when the request must be refused. */
  admit: () => boolean;
  authorizer: JwtAuthorizer | undefined;
  pools: Map<string, FunctionPool>;
  apiId: string;
  style: LogStyle;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit)
        over = true; // keep draining so the 413 reaches the client
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The answer to a request that does not reach a route's authorizer: preflight,
 * no route, throttled, or too large by its Content-Length; else its route.
 */
function answerBeforeBody(
  setup: GatewaySetup,
  req: IncomingMessage,
  headers: Record<string, string>,
): Handled | RouteMatch {
  const method = req.method ?? 'GET';
  if (isPreflight(method, headers)) {
    return {
      response: { statusCode: 204, headers: preflightHeaders(setup.cors, headers), body: Buffer.alloc(0) },
    };
  }
  const match = matchRoute(setup.routes, method, (req.url ?? '/').split('?')[0] ?? '/');
  if (!match) {
    req.resume();
    return { response: gatewayResponse(404, 'Not Found') };
  }
  if (!setup.admit()) {
    req.resume();
    return { response: gatewayResponse(429, 'Too Many Requests'), note: 'stage throttle' };
  }
  if (Number(headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) {
    req.resume();
    return { response: gatewayResponse(413, 'Request Entity Too Large'), note: 'over 10 MB' };
  }
  return match;
}

/** The authorizer's claims for `match`'s route, or the 401 that answers the request instead. */
async function authorize(
  setup: GatewaySetup,
  match: RouteMatch,
  headers: Record<string, string>,
): Promise<{ jwt: JwtAuthorizerContext | undefined } | Handled> {
  if (!match.route.authorized || !setup.authorizer) return { jwt: undefined };
  const verdict = await setup.authorizer.authorize(headers.authorization);
  if (!verdict.ok) {
    return {
      response: gatewayResponse(401, 'Unauthorized', { 'www-authenticate': verdict.wwwAuthenticate }),
      note: verdict.reason,
    };
  }
  return { jwt: jwtContext(verdict.payload) };
}

/** Invokes the route's function with `event`, answering 503 when it takes over the integration timeout. */
async function invokeIntegration(
  setup: GatewaySetup,
  match: RouteMatch,
  event: unknown,
  requestId: string,
): Promise<Handled> {
  const { pool, say } = setup.pools.get(match.route.functionName) as FunctionPool;
  const fn = setup.outputs.functions[match.route.functionName] as StackOutputs['functions'][string];
  const invocation = pool.invoke(event, () =>
    buildContextInfo({
      functionName: fn.function_name,
      region: setup.outputs.region,
      accountId: LOCAL_ACCOUNT_ID,
      memoryMb: pool.memoryMb,
      timeoutSeconds: fn.timeout_seconds,
      requestId: randomUUID(),
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    invocation,
    new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), INTEGRATION_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  if (outcome === 'timeout') {
    return {
      response: gatewayResponse(503, 'Service Unavailable'),
      note: 'integration timed out after 30 s',
    };
  }
  const { response, warnings } = responseForOutcome(outcome);
  for (const warning of warnings) say(paint(setup.style, 33, `⚠ ${warning}`));
  response.headers['apigw-requestid'] = requestId;
  return { response };
}

/** Answers one request as API Gateway would. */
export async function handleRequest(setup: GatewaySetup, req: IncomingMessage): Promise<Handled> {
  const headers = headersOf(req.rawHeaders);
  const match = answerBeforeBody(setup, req, headers);
  if ('response' in match) return match;
  const body = await readBody(req, MAX_REQUEST_BYTES);
  if (body === 'too-large') {
    return { response: gatewayResponse(413, 'Request Entity Too Large'), note: 'over 10 MB' };
  }
  const authorized = await authorize(setup, match, headers);
  if ('response' in authorized) return authorized;
  const requestId = newApiRequestId();
  const event = buildHttpEvent(
    {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      rawHeaders: req.rawHeaders,
      body,
      sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      protocol: `HTTP/${req.httpVersion}`,
    },
    match,
    authorized.jwt,
    { accountId: LOCAL_ACCOUNT_ID, apiId: setup.apiId, requestId, now: Date.now() },
  );
  const eventBytes = Buffer.byteLength(JSON.stringify(event));
  if (eventBytes > MAX_INVOKE_PAYLOAD_BYTES) {
    return {
      response: gatewayResponse(413, 'Request Entity Too Large'),
      note: `event of ${eventBytes} bytes is over Lambda's ${MAX_INVOKE_PAYLOAD_BYTES}-byte invoke limit`,
    };
  }
  return invokeIntegration(setup, match, event, requestId);
}
