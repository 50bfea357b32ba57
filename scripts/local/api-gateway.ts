/**
 * The local API Gateway HTTP API: a node:http server that routes requests to
 * the http-triggered functions (routes from their function.json), checks
 * tokens like the Cognito JWT authorizer, answers CORS like
 * `cors_configuration`, and invokes the built handler with a payload format
 * 2.0 event in the same per-function execution environments as the queue
 * runtime, one environment per concurrent request, as Lambda scales.
 *
 * Environment: LOCAL_API_PORT (default 4580; tests pass their own port),
 * ALLOWED_ORIGINS (comma-separated, besides the web app's origin),
 * LOCAL_API_CONCURRENCY (environments per function, default 4).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { corsConfigFor, isPreflight, preflightHeaders, withCorsHeaders } from './cors.ts';
import { buildHttpEvent, headersOf, jwtContext, newApiRequestId } from './http-event.ts';
import { gatewayResponse, type HttpResponse, responseForOutcome } from './http-result.ts';
import { type HttpTrigger, matchRoute, readHttpTriggers, routesFrom } from './http-routes.ts';
import { createCognitoAuthorizer, type JwtAuthorizer } from './jwt-authorizer.ts';
import { EnvironmentPool } from './lambda-pool.ts';
import { formatLogLine, type LogStyle, logStyleFromEnv, makePrefix, paint } from './log-format.ts';
import { buildContextInfo } from './sqs-event.ts';
import type { StackOutputs } from './stack.ts';
import { createStageThrottle, type StageThrottling } from './stage-throttle.ts';
import { REPO_ROOT } from './tools.ts';

/** API Gateway's request payload limit. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** Lambda's limit on a synchronous invocation's event (JSON), which binary bodies reach 4/3 larger. */
export const MAX_INVOKE_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** HTTP API's longest integration timeout. */
const INTEGRATION_TIMEOUT_MS = 30_000;
const LOCAL_ACCOUNT_ID = '123456789012'; // moto's default account

export interface ApiGatewayOptions {
  /** `terraform output` of the local stack (functions, user_pool_id, user_pool_client_id, web_url). */
  outputs: StackOutputs;
  /** The moto endpoint: the functions' AWS_ENDPOINT_URL and the JWKS source. */
  endpoint: string;
  /** TCP port on 127.0.0.1 (default LOCAL_API_PORT or 4580; 0 picks a free one). */
  port?: number;
  /** Only these http functions (default: every function whose manifest has `trigger.http`). */
  functions?: string[];
  /** Handler module per function (default functions/<name>/dist/index.mjs, or `handler_path` in outputs). */
  handlers?: Record<string, string>;
  /** `trigger.http` per function instead of reading functions/<name>/function.json (tests). */
  triggers?: Record<string, HttpTrigger>;
  /** Extra environment for every handler; wins over everything else. */
  env?: Record<string, string>;
  /** Origins allowed besides `outputs.web_url` (default: ALLOWED_ORIGINS, comma-separated). */
  allowedOrigins?: string[];
  /** Concurrent execution environments per function (default LOCAL_API_CONCURRENCY or 4). */
  concurrency?: number;
  /** The stage's throttle (default: `outputs.api_throttling`; none when the outputs have none). */
  throttling?: StageThrottling;
  /** Where display lines go (default: stdout). */
  log?: (line: string) => void;
  /** Log colors and format (default: from the environment). */
  style?: LogStyle;
}

export interface ApiGateway {
  /** `http://127.0.0.1:<port>`, the API's base URL. */
  url: string;
  /** Names of the functions behind the routes. */
  functions: string[];
  /** Every route key served. */
  routes: string[];
  /** Stops accepting requests, waits for the ones in flight and ends every execution environment. */
  stop(): Promise<void>;
}

/** Names of the stack's functions whose manifest has an http trigger. */
export function httpFunctions(outputs: StackOutputs, functionsDir = path.join(REPO_ROOT, 'functions')) {
  return Object.keys(readHttpTriggers(functionsDir)).filter((name) => outputs.functions[name]);
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

function send(res: ServerResponse, response: HttpResponse) {
  res.writeHead(response.statusCode, response.headers);
  res.end(response.body);
}

/**
 * Starts the local HTTP API. Resolves once it listens and every function's
 * first execution environment has loaded its handler.
 * @throws Error when no http function is in the stack, the pool outputs are
 * missing for an authorized route, the JWKS cannot be read, a handler fails
 * to load, or the port is taken.
 */
export async function startApiGateway(options: ApiGatewayOptions): Promise<ApiGateway> {
  const { outputs, endpoint } = options;
  const style = options.style ?? logStyleFromEnv();
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const port = options.port ?? Number(process.env.LOCAL_API_PORT ?? 4580);
  const concurrency = Math.max(1, options.concurrency ?? Number(process.env.LOCAL_API_CONCURRENCY ?? 4));

  const all = options.triggers ?? readHttpTriggers(path.join(REPO_ROOT, 'functions'));
  for (const name of options.functions ?? []) {
    if (!all[name]) throw new Error(`functions: "${name}" has no http trigger`);
  }
  const names = Object.keys(all).filter(
    (name) => outputs.functions[name] && (!options.functions || options.functions.includes(name)),
  );
  if (names.length === 0) throw new Error('no http-triggered function in the stack outputs');
  const routes = routesFrom(Object.fromEntries(names.map((name) => [name, all[name] as HttpTrigger])));

  let authorizer: JwtAuthorizer | undefined;
  if (routes.some((route) => route.authorized)) {
    const { user_pool_id: userPoolId, user_pool_client_id: clientId } = outputs;
    if (!userPoolId || !clientId) {
      throw new Error(
        'routes need the Cognito authorizer but the outputs lack user_pool_id/user_pool_client_id',
      );
    }
    authorizer = await createCognitoAuthorizer({ endpoint, userPoolId, clientId });
  }
  const cors = corsConfigFor(outputs.web_url, ...(options.allowedOrigins ?? [process.env.ALLOWED_ORIGINS]));
  const throttling =
    options.throttling ??
    (outputs.api_throttling
      ? { rateLimit: outputs.api_throttling.rate_limit, burstLimit: outputs.api_throttling.burst_limit }
      : undefined);
  const admit = throttling ? createStageThrottle(throttling) : () => true;
  const apiId = (() => {
    try {
      return new URL(outputs.api_url ?? '').hostname.split('.')[0] || 'local';
    } catch {
      return 'local';
    }
  })();

  const width = Math.max(8, ...names.map((name) => name.length));
  const pools = new Map(
    names.map((name, index) => {
      const prefix = makePrefix(style, name, width, index + 4);
      const say = (text: string) => log(`${prefix}${text}`);
      const pool = new EnvironmentPool({
        name,
        fn: outputs.functions[name] as StackOutputs['functions'][string],
        region: outputs.region,
        endpoint,
        handlers: options.handlers,
        env: options.env,
        max: concurrency,
        onOutput: (line) => {
          for (const shown of formatLogLine(line, style)) say(shown);
        },
      });
      return [name, { pool, say }] as const;
    }),
  );
  await Promise.all([...pools.values()].map(({ pool }) => pool.warmUp())).catch(async (error) => {
    await Promise.all([...pools.values()].map(({ pool }) => pool.stop()));
    throw error;
  });

  async function handle(req: IncomingMessage): Promise<{ response: HttpResponse; note?: string }> {
    const method = req.method ?? 'GET';
    const headers = headersOf(req.rawHeaders);
    if (isPreflight(method, headers)) {
      return {
        response: { statusCode: 204, headers: preflightHeaders(cors, headers), body: Buffer.alloc(0) },
      };
    }
    const url = req.url ?? '/';
    const match = matchRoute(routes, method, url.split('?')[0] ?? '/');
    if (!match) {
      req.resume();
      return { response: gatewayResponse(404, 'Not Found') };
    }
    if (!admit()) {
      req.resume();
      return { response: gatewayResponse(429, 'Too Many Requests'), note: 'stage throttle' };
    }
    if (Number(headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) {
      req.resume();
      return { response: gatewayResponse(413, 'Request Entity Too Large'), note: 'over 10 MB' };
    }
    const body = await readBody(req, MAX_REQUEST_BYTES);
    if (body === 'too-large') {
      return { response: gatewayResponse(413, 'Request Entity Too Large'), note: 'over 10 MB' };
    }
    let jwt: ReturnType<typeof jwtContext> | undefined;
    if (match.route.authorized && authorizer) {
      const verdict = await authorizer.authorize(headers.authorization);
      if (!verdict.ok) {
        return {
          response: gatewayResponse(401, 'Unauthorized', { 'www-authenticate': verdict.wwwAuthenticate }),
          note: verdict.reason,
        };
      }
      jwt = jwtContext(verdict.payload);
    }
    const now = Date.now();
    const requestId = newApiRequestId();
    const event = buildHttpEvent(
      {
        method,
        url,
        rawHeaders: req.rawHeaders,
        body,
        sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        protocol: `HTTP/${req.httpVersion}`,
      },
      match,
      jwt,
      { accountId: LOCAL_ACCOUNT_ID, apiId, requestId, now },
    );
    const eventBytes = Buffer.byteLength(JSON.stringify(event));
    if (eventBytes > MAX_INVOKE_PAYLOAD_BYTES) {
      return {
        response: gatewayResponse(413, 'Request Entity Too Large'),
        note: `event of ${eventBytes} bytes is over Lambda's ${MAX_INVOKE_PAYLOAD_BYTES}-byte invoke limit`,
      };
    }
    const { pool, say } = pools.get(match.route.functionName) as {
      pool: EnvironmentPool;
      say: (t: string) => void;
    };
    const fn = outputs.functions[match.route.functionName] as StackOutputs['functions'][string];
    const invocation = pool.invoke(event, () =>
      buildContextInfo({
        functionName: fn.function_name,
        region: outputs.region,
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
    for (const warning of warnings) say(paint(style, 33, `⚠ ${warning}`));
    response.headers['apigw-requestid'] = requestId;
    return { response };
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    const origin = req.headers.origin;
    handle(req)
      .catch((error: Error) => ({
        response: gatewayResponse(500, 'Internal Server Error'),
        note: `gateway error: ${error.message}`,
      }))
      .then(({ response, note }) => {
        const isPreflightAnswer = response.statusCode === 204 && req.method === 'OPTIONS';
        if (!isPreflightAnswer) response.headers = withCorsHeaders(cors, origin, response.headers);
        send(res, response);
        const status = response.statusCode;
        const color = status >= 500 ? 31 : status >= 400 ? 33 : 32;
        log(
          `${makePrefix(style, 'http', width, 3)}${req.method} ${req.url} → ${paint(style, color, String(status))} (${Date.now() - started} ms)${note ? paint(style, 90, ` ${note}`) : ''}`,
        );
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`API gateway: port ${port} is in use (set LOCAL_API_PORT)`)
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  }).catch(async (error) => {
    await Promise.all([...pools.values()].map(({ pool }) => pool.stop()));
    throw error;
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log(
    `${makePrefix(style, 'http', width, 3)}${paint(style, 90, `serving ${routes.length} routes on ${url}`)}`,
  );

  let stopped: Promise<void> | undefined;
  return {
    url,
    functions: names,
    routes: routes.map((route) => route.routeKey),
    stop() {
      stopped ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await Promise.all([...pools.values()].map(({ pool }) => pool.stop()));
      })();
      return stopped;
    },
  };
}
