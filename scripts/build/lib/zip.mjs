// Deterministic ZIP archives: same entries in, same bytes out, on any machine and in any time zone.
import { zipSync } from 'fflate';

/**
 * fflate writes DOS timestamps from the Date's *local* fields, so a fixed UTC
 * instant would encode differently per time zone (and before 1980 west of
 * UTC, which ZIP cannot store). A Date built from local fields, at call
 * time (TZ may change in-process), always encodes as 1980-01-01 00:00:00,
 * the earliest ZIP time.
 */
const fixedMtime = () => new Date(1980, 0, 1, 0, 0, 0);
const UNIX = 3;
const REGULAR_FILE = 0o100000;

/**
 * @typedef {object} ZipEntry
 * @property {string} path archive path, forward slashes, no leading slash
 * @property {Uint8Array} data file contents
 * @property {boolean} [executable] stored as 0755 instead of 0644
 */

/**
 * Builds a ZIP with entries sorted by path (code unit order, not locale),
 * fixed timestamps, fixed Unix modes and deflate level 9.
 * @param {ZipEntry[]} entries
 * @returns {Uint8Array}
 */
export function deterministicZip(entries) {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  /** @type {Record<string, [Uint8Array, import('fflate').ZipOptions]>} */
  const files = {};
  const mtime = fixedMtime();
  for (const entry of sorted) {
    if (
      !entry.path ||
      entry.path.startsWith('/') ||
      entry.path.includes('\\') ||
      Object.hasOwn(files, entry.path)
    ) {
      throw new Error(`invalid or duplicate zip path: ${JSON.stringify(entry.path)}`);
    }
    const mode = entry.executable ? 0o755 : 0o644;
    // Multiply rather than shift: (x << 16) overflows to a negative 32-bit int.
    files[entry.path] = [entry.data, { level: 9, mtime, os: UNIX, attrs: (REGULAR_FILE | mode) * 0x10000 }];
  }
  return zipSync(files);
}
