/**
 * Serves the built web app (web/dist) for `make dev` and the browser tests: a
 * small static server with an SPA fallback to index.html, /config.json
 * answered from memory so each run points the app at its own API and pool,
 * and optionally /renditions/<key> from the private renditions bucket (the
 * part CloudFront plays in AWS; point RENDITIONS_BASE_URL at <url>/renditions).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { WebConfig } from '../../../web/src/web-config.ts';
import { REPO_ROOT } from '../tools.ts';
import type { RenditionSource } from './renditions-source.ts';

export type { WebConfig };

/** The terraform outputs the web config is made from (envs/local and envs/aws). */
export interface WebStackOutputs {
  region: string;
  api_url?: string | null;
  user_pool_id?: string | null;
  user_pool_client_id?: string | null;
  cognito_endpoint?: string | null;
}

/**
 * The app's /config.json from terraform outputs; `overrides` win (locally the
 * API is the gateway started by scripts/local/gateway/api-gateway.ts, not `api_url`).
 * The Cognito endpoint defaults to the regional AWS one.
 * @throws Error naming the output that is missing.
 */
export function webConfigFromOutputs(
  outputs: WebStackOutputs,
  overrides: Partial<WebConfig> = {},
): WebConfig {
  const region = overrides.region ?? outputs.region;
  const pick = (key: keyof WebConfig, output: keyof WebStackOutputs, fallback?: string): string => {
    const value = overrides[key] ?? outputs[output] ?? fallback;
    if (typeof value !== 'string' || value === '') {
      throw new Error(`web config: terraform output "${output}" is missing (or pass ${key} in overrides)`);
    }
    return value;
  };
  return {
    apiUrl: pick('apiUrl', 'api_url').replace(/\/+$/, ''),
    region: pick('region', 'region'),
    userPoolId: pick('userPoolId', 'user_pool_id'),
    userPoolClientId: pick('userPoolClientId', 'user_pool_client_id'),
    cognitoEndpoint: pick(
      'cognitoEndpoint',
      'cognito_endpoint',
      `https://cognito-idp.${region}.amazonaws.com/`,
    ),
  };
}

export interface ServeWebOptions {
  /** The built app (default web/dist). */
  dir?: string;
  /** TCP port (default LOCAL_WEB_PORT, else 4581; 0 picks a free one). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Served as /config.json. */
  config: WebConfig;
  /** Serves GET /renditions/<key> from here (see renditions-source.ts); off when absent. */
  renditions?: RenditionSource;
}

/** The path prefix renditions are served under. */
export const RENDITIONS_PATH = '/renditions/';

export interface WebServer {
  /** http://localhost:<port>: the origin the API's CORS must allow. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

async function fileAt(file: string): Promise<number | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? info.size : undefined;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function serveRendition(
  source: RenditionSource,
  key: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const object = key ? await source(key) : undefined;
  if (!object) return send(res, 404, 'no such rendition');
  res.writeHead(200, {
    'Content-Type': object.contentType ?? 'application/octet-stream',
    ...(object.contentLength !== undefined ? { 'Content-Length': object.contentLength } : {}),
    ...(object.cacheControl ? { 'Cache-Control': object.cacheControl } : {}),
    ...(object.etag ? { ETag: object.etag } : {}),
  });
  if (req.method === 'HEAD') {
    object.body.destroy();
    return res.end();
  }
  object.body.on('error', () => res.destroy()).pipe(res);
}

async function handle(
  root: string,
  configJson: string,
  renditions: RenditionSource | undefined,
  req: IncomingMessage,
  res: ServerResponse,
) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'method not allowed');
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'bad path');
  }
  if (pathname === '/config.json') return send(res, 200, configJson, TYPES['.json']);
  if (renditions && pathname.startsWith(RENDITIONS_PATH)) {
    return serveRendition(renditions, pathname.slice(RENDITIONS_PATH.length), req, res);
  }

  let file = path.resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(`${root}${path.sep}`)) return send(res, 404, 'not found');
  let size = await fileAt(file);
  if (size === undefined && pathname.endsWith('/')) {
    file = path.join(file, 'index.html');
    size = await fileAt(file);
  }
  if (size === undefined) {
    // A route of the single-page app (no file extension) gets the app; a missing asset is a 404.
    if (path.extname(pathname)) return send(res, 404, 'not found');
    file = path.join(root, 'index.html');
    size = await fileAt(file);
    if (size === undefined) return send(res, 404, 'index.html is missing');
  }
  const hashed = pathname.startsWith('/assets/');
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': size,
    // Vite fingerprints everything under /assets; index.html must always be revalidated.
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * Serves `dir` on `port`. Resolves once listening.
 * @throws Error when `dir` has no index.html (build the app first) or the port is taken.
 */
export async function serveWeb(options: ServeWebOptions): Promise<WebServer> {
  const root = path.resolve(options.dir ?? path.join(REPO_ROOT, 'web', 'dist'));
  if ((await fileAt(path.join(root, 'index.html'))) === undefined) {
    throw new Error(
      `serveWeb: no index.html in ${root}; build the app first (npx turbo run build --filter=@pipeline/web)`,
    );
  }
  const port = options.port ?? Number(process.env.LOCAL_WEB_PORT ?? 4581);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`serveWeb: port ${port} is not a TCP port`);
  const configJson = `${JSON.stringify(options.config, null, 2)}\n`;
  const server = createServer((req, res) => {
    handle(root, configJson, options.renditions, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`serveWeb: port ${port} is in use (set LOCAL_WEB_PORT to another port)`)
          : error,
      ),
    );
    server.listen(port, options.host ?? '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${actual}`,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
