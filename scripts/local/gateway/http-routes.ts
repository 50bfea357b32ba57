/**
 * API Gateway HTTP API routing for the local gateway: the routes come from
 * each function manifest's `trigger.http` (`"GET /images/{id}"`), and a
 * request goes to the most specific matching route, as API Gateway picks it.
 * Pure apart from readHttpTriggers, so the rules are unit-tested on their own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** `trigger.http` of a function manifest. */
export interface HttpTrigger {
  /** Route keys: `"<METHOD> <path>"` with `{name}` and `{name+}` variables, `ANY`, or `$default`. */
  routes: string[];
  /** `"cognito"`: every route needs a valid token of the user pool (JWT authorizer). */
  authorizer?: string;
}

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string; greedy: boolean };

/** One parsed route, with the function that serves it. */
export interface Route {
  routeKey: string;
  /** Upper-case method, `ANY`, or `*` for `$default`. */
  method: string;
  segments: Segment[];
  functionName: string;
  /** True when the route sits behind the JWT authorizer. */
  authorized: boolean;
}

/** A matched route and the path variables it captured (undefined when it has none, as in the event). */
export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string> | undefined;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);

/**
 * Parses one route key of `functionName`.
 * @throws Error naming the route key when it is not `<METHOD> /path` or `$default`.
 */
export function parseRouteKey(routeKey: string, functionName: string, authorized: boolean): Route {
  if (routeKey === '$default') return { routeKey, method: '*', segments: [], functionName, authorized };
  const match = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
  if (!match?.[1] || !match[2] || !METHODS.has(match[1])) {
    throw new Error(`routes: "${routeKey}" of ${functionName} is not "<METHOD> /path" or "$default"`);
  }
  const segments = match[2]
    .split('/')
    .slice(1)
    .map((part, i, all): Segment => {
      const variable = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(part);
      if (!variable?.[1]) return { kind: 'literal', value: part };
      if (variable[2] && i !== all.length - 1) {
        throw new Error(
          `routes: "${routeKey}" of ${functionName}: a greedy {${variable[1]}+} must come last`,
        );
      }
      return { kind: 'param', name: variable[1], greedy: variable[2] === '+' };
    });
  return { routeKey, method: match[1], segments, functionName, authorized };
}

/** Every route of every function, from the manifests' http triggers. */
export function routesFrom(triggers: Record<string, HttpTrigger>): Route[] {
  return Object.entries(triggers).flatMap(([name, trigger]) =>
    trigger.routes.map((key) => parseRouteKey(key, name, trigger.authorizer === 'cognito')),
  );
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function captures(route: Route, parts: string[]): Record<string, string> | undefined | false {
  const params: Record<string, string> = {};
  for (const [i, segment] of route.segments.entries()) {
    if (segment.kind === 'param' && segment.greedy) {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('') === '') return false;
      params[segment.name] = decode(rest.join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined) return false;
    if (segment.kind === 'literal' && decode(part) !== segment.value) return false;
    if (segment.kind === 'param') {
      if (part === '') return false;
      params[segment.name] = decode(part);
    }
  }
  if (parts.length !== route.segments.length) return false;
  return Object.keys(params).length > 0 ? params : undefined;
}

/** Sort key: literal segments before variables before greedy ones, left to right; a method before ANY. */
function specificity(route: Route): string {
  const rank = route.segments.map((s) => (s.kind === 'literal' ? 'a' : s.greedy ? 'c' : 'b')).join('');
  return `${rank}|${route.method === 'ANY' ? '1' : '0'}`;
}

/**
 * The route API Gateway would pick for `method` and `rawPath`: an exact
 * match first, then the most specific one with variables, greedy variables
 * last, `$default` when nothing else matches; undefined means 404.
 */
export function matchRoute(routes: Route[], method: string, rawPath: string): RouteMatch | undefined {
  // Strict like the route keys: "/images/" is not "/images".
  const parts = rawPath.split('/').slice(1);
  const candidates = routes
    .filter((route) => route.method === method.toUpperCase() || route.method === 'ANY')
    .flatMap((route) => {
      const params = captures(route, parts);
      return params === false ? [] : [{ route, pathParameters: params }];
    })
    .sort((a, b) => specificity(a.route).localeCompare(specificity(b.route)));
  const fallback = routes.find((route) => route.method === '*');
  return candidates[0] ?? (fallback ? { route: fallback, pathParameters: undefined } : undefined);
}

/**
 * `trigger.http` of every function under `functionsDir` that has one.
 * @throws Error naming the manifest when `routes` is not a list of strings.
 */
export function readHttpTriggers(functionsDir: string): Record<string, HttpTrigger> {
  if (!existsSync(functionsDir)) return {};
  const triggers: Record<string, HttpTrigger> = {};
  for (const name of readdirSync(functionsDir).sort()) {
    const file = path.join(functionsDir, name, 'function.json');
    if (!existsSync(file)) continue;
    const http = JSON.parse(readFileSync(file, 'utf8'))?.trigger?.http as Partial<HttpTrigger> | undefined;
    if (!http) continue;
    if (!Array.isArray(http.routes) || !http.routes.every((r) => typeof r === 'string')) {
      throw new Error(`${file}: trigger.http.routes must be a list of route keys`);
    }
    triggers[name] = { routes: http.routes, ...(http.authorizer && { authorizer: http.authorizer }) };
  }
  return triggers;
}
