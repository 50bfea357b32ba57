import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { UnauthorizedError } from './errors.js';

/** Who is calling, from the JWT claims the authorizer verified. */
export interface Caller {
  /** Cognito `sub`: the owner segment of the caller's upload keys. */
  sub: string;
  email: string | null;
  groups: string[];
  isModerator: boolean;
}

// A sub becomes a key segment (uploads/<sub>/…): Cognito's are UUIDs; refuse anything that could change the key shape.
const SUB = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * Reads the caller from `requestContext.authorizer.jwt.claims`.
 *
 * @throws {UnauthorizedError} when there are no claims or no usable `sub`
 *   (API Gateway's authorizer normally refuses such requests first).
 */
export function callerFrom(event: APIGatewayProxyEventV2WithJWTAuthorizer, moderatorsGroup: string): Caller {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (typeof sub !== 'string' || !SUB.test(sub)) throw new UnauthorizedError();
  const groups = parseGroups(claims?.['cognito:groups']);
  return {
    sub,
    email: typeof claims?.email === 'string' ? claims.email : null,
    groups,
    isModerator: groups.includes(moderatorsGroup),
  };
}

/**
 * The `cognito:groups` claim as a list. API Gateway flattens array claims to
 * a string such as `[moderators editors]` (or passes one group bare:
 * `moderators`); a local gateway may pass a real array or a JSON array string.
 */
export function parseGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string' && g !== '');
  if (typeof claim !== 'string') return [];
  const text = claim.trim();
  if (text.startsWith('[')) {
    try {
      const json: unknown = JSON.parse(text);
      if (Array.isArray(json)) return parseGroups(json);
    } catch {
      // Not JSON: API Gateway's "[a b]" form.
    }
  }
  return text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((group) => group.replace(/^"|"$/g, ''))
    .filter((group) => group !== '');
}
