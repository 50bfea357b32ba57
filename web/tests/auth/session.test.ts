import { describe, expect, it } from 'vitest';
import {
  clearSession,
  decodeJwtPayload,
  isExpired,
  loadSession,
  saveSession,
  sessionFromIdToken,
} from '../../src/auth/session.ts';
import { fakeJwt } from '../helpers.ts';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const now = Date.UTC(2026, 0, 1);
const exp = now / 1000 + 3600;

describe('sessionFromIdToken', () => {
  it('reads email, groups and expiry, and spots moderators', () => {
    const session = sessionFromIdToken(
      fakeJwt({ sub: 'u1', email: 'ann@example.com', 'cognito:groups': ['moderators'], exp }),
    );
    expect(session).toMatchObject({
      sub: 'u1',
      email: 'ann@example.com',
      groups: ['moderators'],
      isModerator: true,
      expiresAt: exp * 1000,
    });
  });

  it('falls back to cognito:username when the token has no email claim', () => {
    const session = sessionFromIdToken(fakeJwt({ sub: 'u2', 'cognito:username': 'bob@example.com', exp }));
    expect(session.email).toBe('bob@example.com');
    expect(session.isModerator).toBe(false);
  });

  it('decodes UTF-8 claims', () => {
    expect(decodeJwtPayload(fakeJwt({ sub: 's', name: 'Zoë' })).name).toBe('Zoë');
  });

  it('refuses what is not a JWT or has no sub', () => {
    expect(() => sessionFromIdToken('abc')).toThrow('not a JWT');
    expect(() => sessionFromIdToken(fakeJwt({ email: 'x' }))).toThrow('no sub');
  });
});

describe('session storage', () => {
  it('keeps a valid token and forgets it on sign-out', () => {
    const storage = new MemoryStorage();
    saveSession(storage, fakeJwt({ sub: 'u1', exp }));
    expect(loadSession(storage, now)?.sub).toBe('u1');
    clearSession(storage);
    expect(loadSession(storage, now)).toBeUndefined();
  });

  it('drops an expired or unreadable token', () => {
    const storage = new MemoryStorage();
    saveSession(storage, fakeJwt({ sub: 'u1', exp: now / 1000 + 10 }));
    expect(loadSession(storage, now)).toBeUndefined();
    expect(storage.length).toBe(0);
    storage.setItem('pipeline.idToken', 'garbage');
    expect(loadSession(storage, now)).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it('counts a token about to expire as expired', () => {
    const session = sessionFromIdToken(fakeJwt({ sub: 'u', exp: now / 1000 + 20 }));
    expect(isExpired(session, now)).toBe(true);
    expect(isExpired(session, now, 0)).toBe(false);
  });
});
