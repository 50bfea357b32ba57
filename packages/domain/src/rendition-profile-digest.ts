import { createHash } from 'node:crypto';
import type { RenditionProfile } from './rendition-profile.js';

/**
 * A short fingerprint of a profile (12 hex digits of the SHA-256 of its JSON).
 * Resize stores it on each rendition it records, so a re-render can tell an
 * image already at the active profile (a no-op) from one made with another.
 * Two profiles that differ in any way (a width, a quality, AVIF settings) differ here.
 */
export function renditionProfileDigest(profile: RenditionProfile): string {
  return createHash('sha256').update(canonicalJson(profile)).digest('hex').slice(0, 12);
}

/** JSON with object keys sorted, so the same profile always gives the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
