/**
 * The local API Gateway HTTP API: a node:http server that routes requests to
 * the http-triggered functions (routes from their function.json), checks
 * tokens like the Cognito JWT authorizer, answers CORS like
 * `cors_configuration` (request-handler.ts), and invokes the built handler
 * with a payload format 2.0 event in the same per-function execution
 * environments as the queue runtime, one environment per concurrent request,
 * as Lambda scales (function-pools.ts).
 *
 * Environment: LOCAL_API_PORT (default 4580; tests pass their own port),
 * ALLOWED_ORIGINS (comma-separated, besides the web app's origin),
 * LOCAL_API_CONCURRENCY (environments per function, default 4).
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type LogStyle, logStyleFromEnv, makePrefix, paint } from '../log-format.ts';
import type { StackOutputs } from '../stack/stack-outputs.ts';
import { REPO_ROOT } from '../tools.ts';
import { corsConfigFor, withCorsHeaders } from './cors.ts';
import { startPools, stopPools } from './function-pools.ts';
import { gatewayResponse, type HttpResponse } from './http-result.ts';
import { type HttpTrigger, type Route, readHttpTriggers, routesFrom } from './http-routes.ts';
import { createCognitoAuthorizer, type JwtAuthorizer } from './jwt-authorizer.ts';
import { type GatewaySetup, handleRequest } from './request-handler.ts';
import { createStageThrottle, type StageThrottling } from './stage-throttle.ts';

export { MAX_INVOKE_PAYLOAD_BYTES, MAX_REQUEST_BYTES } from './request-handler.ts';

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

function send(res: ServerResponse, response: HttpResponse) {
  res.writeHead(response.statusCode, response.headers);
  res.end(response.body);
}

/**
 * The http functions to serve: every one in the stack with a trigger, or those in `functions`.
 * @throws Error for a name without an http trigger, or when none is in the stack.
 */
function servedFunctions(options: ApiGatewayOptions): { names: string[]; routes: Route[] } {
  const { outputs } = options;
  const all = options.triggers ?? readHttpTriggers(path.join(REPO_ROOT, 'functions'));
  for (const name of options.functions ?? []) {
    if (!all[name]) throw new Error(`functions: "${name}" has no http trigger`);
  }
  const names = Object.keys(all).filter(
    (name) => outputs.functions[name] && (!options.functions || options.functions.includes(name)),
  );
  if (names.length === 0) throw new Error('no http-triggered function in the stack outputs');
  const routes = routesFrom(Object.fromEntries(names.map((name) => [name, all[name] as HttpTrigger])));
  return { names, routes };
}

/**
 * The Cognito JWT authorizer, when a route needs one.
 * @throws Error when the outputs lack the pool, or its JWKS cannot be read.
 */
async function authorizerFor(
  options: ApiGatewayOptions,
  routes: Route[],
): Promise<JwtAuthorizer | undefined> {
  if (!routes.some((route) => route.authorized)) return undefined;
  const { user_pool_id: userPoolId, user_pool_client_id: clientId } = options.outputs;
  if (!userPoolId || !clientId) {
    throw new Error(
      'routes need the Cognito authorizer but the outputs lack user_pool_id/user_pool_client_id',
    );
  }
  return createCognitoAuthorizer({ endpoint: options.endpoint, userPoolId, clientId });
}

/** The stage's throttle: `throttling`, else `api_throttling` from the outputs, else none. */
function stageThrottleFor(options: ApiGatewayOptions): () => boolean {
  const { outputs } = options;
  const throttling =
    options.throttling ??
    (outputs.api_throttling
      ? { rateLimit: outputs.api_throttling.rate_limit, burstLimit: outputs.api_throttling.burst_limit }
      : undefined);
  return throttling ? createStageThrottle(throttling) : () => true;
}

/** The API id in `api_url` (`https://<id>.execute-api...`), else `local`. */
function apiIdOf(outputs: StackOutputs): string {
  try {
    return new URL(outputs.api_url ?? '').hostname.split('.')[0] || 'local';
  } catch {
    return 'local';
  }
}

/** A server answering through `setup`, logging one line per request under the `http` prefix. */
function gatewayServer(setup: GatewaySetup, log: (line: string) => void, width: number): Server {
  const { style, cors } = setup;
  return createServer((req, res) => {
    const started = Date.now();
    const origin = req.headers.origin;
    handleRequest(setup, req)
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
}

/** Listens on 127.0.0.1:`port`. @throws Error naming LOCAL_API_PORT when the port is taken. */
function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`API gateway: port ${port} is in use (set LOCAL_API_PORT)`)
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
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
  const { names, routes } = servedFunctions(options);
  const authorizer = await authorizerFor(options, routes);
  const cors = corsConfigFor(outputs.web_url, ...(options.allowedOrigins ?? [process.env.ALLOWED_ORIGINS]));
  const width = Math.max(8, ...names.map((name) => name.length));
  const pools = await startPools({
    outputs,
    endpoint,
    names,
    handlers: options.handlers,
    env: options.env,
    concurrency,
    log,
    style,
    width,
  });
  const setup: GatewaySetup = {
    outputs,
    routes,
    cors,
    admit: stageThrottleFor(options),
    authorizer,
    pools,
    apiId: apiIdOf(outputs),
    style,
  };
  const server = gatewayServer(setup, log, width);
  await listen(server, port).catch(async (error) => {
    await stopPools(pools);
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
        await stopPools(pools);
      })();
      return stopped;
    },
  };
}
