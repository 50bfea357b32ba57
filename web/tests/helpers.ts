import type { ImageView } from '../src/api/types.ts';

/** An unsigned JWT with `claims` (the UI never checks signatures; the API does). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.sig`;
}

/** An ImageView with sensible defaults. */
export function record(overrides: Partial<ImageView> = {}): ImageView {
  return {
    imageId: 'img-1',
    owner: 'u1',
    status: 'PROCESSED',
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:05.000Z',
    ...overrides,
  };
}
