/**
 * The signed-in user: the Cognito id token (kept in sessionStorage, so it
 * goes with the tab) and what the UI reads from its claims.
 */

export const MODERATORS_GROUP = 'moderators';
const STORAGE_KEY = 'pipeline.idToken';

export interface Session {
  idToken: string;
  sub: string;
  /** The email claim, else the Cognito username. */
  email: string;
  groups: string[];
  isModerator: boolean;
  /** Epoch milliseconds. */
  expiresAt: number;
}

function base64UrlDecode(text: string): string {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * Reads a JWT's payload. The signature is not checked: the API verifies the
 * token; the UI only uses the claims to decide what to show.
 * @throws Error when `token` is not a JWT.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) throw new Error('token: not a JWT');
  const payload = JSON.parse(base64UrlDecode(parts[1])) as unknown;
  if (!payload || typeof payload !== 'object') throw new Error('token: payload is not an object');
  return payload as Record<string, unknown>;
}

/**
 * The session an id token describes.
 * @throws Error when the token is malformed or lacks `sub`.
 */
export function sessionFromIdToken(idToken: string): Session {
  const claims = decodeJwtPayload(idToken);
  if (typeof claims.sub !== 'string') throw new Error('token: no sub claim');
  const rawGroups = claims['cognito:groups'];
  const groups = Array.isArray(rawGroups)
    ? rawGroups.map(String)
    : typeof rawGroups === 'string'
      ? rawGroups.split(/[\s,]+/).filter(Boolean)
      : [];
  const email = String(claims.email ?? claims['cognito:username'] ?? claims.sub);
  return {
    idToken,
    sub: claims.sub,
    email,
    groups,
    isModerator: groups.includes(MODERATORS_GROUP),
    expiresAt: Number(claims.exp ?? 0) * 1000,
  };
}

/** True when the session has expired, or will within `marginMs`. */
export function isExpired(session: Session, now = Date.now(), marginMs = 30_000): boolean {
  return session.expiresAt - marginMs <= now;
}

/** The stored session, if there is one that is still valid (an invalid one is removed). */
export function loadSession(storage: Storage, now = Date.now()): Session | undefined {
  const token = storage.getItem(STORAGE_KEY);
  if (!token) return undefined;
  try {
    const session = sessionFromIdToken(token);
    if (!isExpired(session, now)) return session;
  } catch {
    // fall through: a token we cannot read is as good as none
  }
  storage.removeItem(STORAGE_KEY);
  return undefined;
}

/** Keeps the id token for this tab and returns its session. */
export function saveSession(storage: Storage, idToken: string): Session {
  const session = sessionFromIdToken(idToken);
  storage.setItem(STORAGE_KEY, idToken);
  return session;
}

export function clearSession(storage: Storage): void {
  storage.removeItem(STORAGE_KEY);
}
