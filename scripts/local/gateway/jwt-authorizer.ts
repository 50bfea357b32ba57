/**
 * API Gateway's JWT authorizer on the Cognito user pool, played locally with
 * aws-jwt-verify: the signature against the pool's JWKS, `iss` (the pool),
 * `aud` (ID tokens) or `client_id` (access tokens) against the app client,
 * and `exp`/`nbf`. Both ID and access tokens pass, as with API Gateway.
 *
 * moto signs every pool's tokens with one static RSA key and serves it at
 * `<endpoint>/<poolId>/.well-known/jwks.json`; its issuer is the real one
 * (`https://cognito-idp.<region>.amazonaws.com/<poolId>`), so the verifier's
 * usual issuer check applies unchanged. The JWKS is read from moto at start,
 * and a key the cache lacks is fetched from moto too, never from AWS.
 */
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { type Jwks, SimpleJwksCache } from 'aws-jwt-verify/jwk';

/** A verified token's payload, or why the token was refused. */
export type AuthorizeResult =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; reason: string; wwwAuthenticate: string };

export interface JwtAuthorizer {
  /** Checks an Authorization header value (`Bearer <jwt>`, or the bare JWT, as API Gateway accepts). */
  authorize(authorization: string | undefined): Promise<AuthorizeResult>;
}

export interface CognitoAuthorizerOptions {
  /** moto's endpoint, which serves the pool's JWKS. */
  endpoint: string;
  userPoolId: string;
  /** The app client: `aud` of ID tokens, `client_id` of access tokens. */
  clientId: string;
}

/** The JWT of an Authorization header, without an optional `Bearer ` prefix; undefined when empty. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const token = authorization?.replace(/^\s*bearer(\s+|$)/i, '').trim();
  return token ? token : undefined;
}

/** The JWKS URL of a pool on the local endpoint. */
export function localJwksUrl(endpoint: string, userPoolId: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${userPoolId}/.well-known/jwks.json`;
}

/** Fetches whatever JWKS URI the verifier asks for (AWS's) from the same path on the local endpoint. */
function localFetcher(endpoint: string): Fetcher {
  return {
    async fetch(uri: string) {
      const local = `${endpoint.replace(/\/+$/, '')}${new URL(uri).pathname}`;
      const response = await fetch(local, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`GET ${local}: HTTP ${response.status}`);
      return response.arrayBuffer();
    },
  };
}

/**
 * A JWT authorizer for the pool and app client, its JWKS loaded from moto.
 * @throws Error when the pool's JWKS cannot be read from `endpoint`.
 */
export async function createCognitoAuthorizer(options: CognitoAuthorizerOptions): Promise<JwtAuthorizer> {
  const { endpoint, userPoolId, clientId } = options;
  const verifier = CognitoJwtVerifier.create(
    { userPoolId, clientId, tokenUse: null },
    { jwksCache: new SimpleJwksCache({ fetcher: localFetcher(endpoint) }) },
  );
  const url = localJwksUrl(endpoint, userPoolId);
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch((error: Error) => {
    throw new Error(`JWT authorizer: cannot read ${url}: ${error.message}`);
  });
  if (!response.ok) throw new Error(`JWT authorizer: GET ${url} answered HTTP ${response.status}`);
  verifier.cacheJwks((await response.json()) as Jwks);

  return {
    async authorize(authorization) {
      const token = bearerToken(authorization);
      if (!token) return { ok: false, reason: 'no token', wwwAuthenticate: 'Bearer' };
      try {
        const payload = await verifier.verify(token);
        return { ok: true, payload: payload as unknown as Record<string, unknown> };
      } catch (error) {
        // Header-safe: printable ASCII, no double quotes.
        const reason = (error as Error).message
          .replace(/[^\x20-\x7e]/g, '')
          .replace(/"/g, "'")
          .slice(0, 200);
        return {
          ok: false,
          reason,
          wwwAuthenticate: `Bearer error="invalid_token" error_description="${reason}"`,
        };
      }
    },
  };
}
