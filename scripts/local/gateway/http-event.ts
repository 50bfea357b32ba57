/**
 * How an HTTP request becomes the event API Gateway's HTTP API hands to a
 * Lambda integration (payload format 2.0): lower-cased headers, cookies,
 * query and path parameters, a base64 body for binary content, and the JWT
 * authorizer's claims stringified as API Gateway does. No I/O here.
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { RouteMatch } from './http-routes.ts';

/** The parts of an incoming request the event is made from. */
export interface IncomingRequest {
  method: string;
  /** Path and query exactly as received (`/images?limit=2`). */
  url: string;
  /** Node's `rawHeaders`: name, value, name, value, ... */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  /** e.g. `HTTP/1.1`. */
  protocol: string;
}

/** What the JWT authorizer passes on: every claim as a string, and the token's scopes. */
export interface JwtAuthorizerContext {
  claims: Record<string, string>;
  /** The access token's `scope`, split; null for tokens without one (ID tokens), as on AWS. */
  scopes: string[] | null;
}

/** Request-independent parts of the event. */
export interface EventMeta {
  accountId: string;
  apiId: string;
  requestId: string;
  /** Epoch milliseconds of arrival. */
  now: number;
}

export type HttpEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * Claims as API Gateway's JWT authorizer passes them: every value a string;
 * arrays the way Go prints them (`["moderators","x"]` becomes `[moderators x]`),
 * objects as JSON.
 */
export function stringifyClaims(payload: Record<string, unknown>): Record<string, string> {
  const text = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return `[${value.map(text).join(' ')}]`;
    if (value !== null && typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  return Object.fromEntries(Object.entries(payload).map(([key, value]) => [key, text(value)]));
}

/** The authorizer context for a verified token payload. */
export function jwtContext(payload: Record<string, unknown>): JwtAuthorizerContext {
  const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  return { claims: stringifyClaims(payload), scopes: scope.length > 0 ? scope : null };
}

/** Request headers lower-cased, repeated ones joined with a comma (format 2.0 has no multi-value headers). */
export function headersOf(rawHeaders: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = rawHeaders[i + 1] as string;
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return headers;
}

/**
 * True for content API Gateway passes to Lambda as text: text/*, JSON, XML
 * and JavaScript (with their +json/+xml variants). Everything else, and a
 * body without a Content-Type, arrives base64-encoded.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    /^application\/(json|xml|javascript|[\w.-]+\+(json|xml))$/.test(type) ||
    type === 'application/x-www-form-urlencoded'
  );
}

/** `12/Mar/2020:19:03:58 +0000`, the format of `requestContext.time`. */
export function formatRequestTime(ms: number): string {
  const d = new Date(ms);
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** A request id shaped like API Gateway's (`JKJaXmPLvHcESHA=`). */
export function newApiRequestId(): string {
  return randomBytes(10).toString('base64');
}

function queryParameters(rawQuery: string): Record<string, string> | undefined {
  if (!rawQuery) return undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    params[key] = params[key] === undefined ? value : `${params[key]},${value}`;
  }
  return params;
}

/**
 * The payload format 2.0 event for `request` on the matched route, with the
 * authorizer context when the route is authorized. Keys without a value
 * (cookies, query, path parameters, body) are left out, as API Gateway does.
 */
export function buildHttpEvent(
  request: IncomingRequest,
  match: RouteMatch,
  authorizer: JwtAuthorizerContext | undefined,
  meta: EventMeta,
): HttpEvent {
  const queryAt = request.url.indexOf('?');
  const rawPath = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : request.url.slice(queryAt + 1);
  const { cookie, ...headers } = headersOf(request.rawHeaders);
  const cookies = cookie
    ?.split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  const domainName = (headers.host ?? 'localhost').replace(/:\d+$/, '');
  const queryStringParameters = queryParameters(rawQueryString);
  const text = isTextContentType(headers['content-type']);
  const hasBody = request.body.length > 0;

  return {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies && cookies.length > 0 && { cookies }),
    headers,
    ...(queryStringParameters && { queryStringParameters }),
    requestContext: {
      accountId: meta.accountId,
      apiId: meta.apiId,
      ...(authorizer && { authorizer: { jwt: authorizer } }),
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method.toUpperCase(),
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: meta.requestId,
      routeKey: match.route.routeKey,
      stage: '$default',
      time: formatRequestTime(meta.now),
      timeEpoch: meta.now,
    },
    ...(match.pathParameters && { pathParameters: match.pathParameters }),
    ...(hasBody && { body: request.body.toString(text ? 'utf8' : 'base64') }),
    isBase64Encoded: hasBody && !text,
  } as HttpEvent;
}
