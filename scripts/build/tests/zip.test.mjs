import { afterEach, describe, expect, it } from 'vitest';
import { deterministicZip } from '../lib/zip.mjs';
import { centralDirectory } from './helpers.mjs';

const text = (s) => new TextEncoder().encode(s);
const originalTz = process.env.TZ;

afterEach(() => {
  process.env.TZ = originalTz;
});

describe('deterministicZip', () => {
  it('gives the same bytes whatever order the entries come in', () => {
    const a = { path: 'b/file.txt', data: text('b') };
    const b = { path: 'a.txt', data: text('a') };

    expect(Buffer.from(deterministicZip([a, b])).equals(Buffer.from(deterministicZip([b, a])))).toBe(true);
  });

  it('gives the same bytes in every time zone', () => {
    const entries = [{ path: 'index.mjs', data: text('export const x = 1;') }];
    process.env.TZ = 'UTC';
    const utc = Buffer.from(deterministicZip(entries));

    process.env.TZ = 'America/Los_Angeles';
    const pacific = Buffer.from(deterministicZip(entries));

    expect(pacific.equals(utc)).toBe(true);
  });

  it('stores 0644, or 0755 for executables, as Unix regular files', () => {
    const zip = deterministicZip([
      { path: 'run.sh', data: text('#!/bin/sh'), executable: true },
      { path: 'data.txt', data: text('x') },
    ]);

    expect(centralDirectory(zip).map(({ path, mode }) => [path, mode.toString(8)])).toEqual([
      ['data.txt', '100644'],
      ['run.sh', '100755'],
    ]);
  });

  it('rejects duplicate and absolute paths', () => {
    const entry = { path: 'a.txt', data: text('a') };

    expect(() => deterministicZip([entry, entry])).toThrow(/duplicate/);
    expect(() => deterministicZip([{ path: '/etc/passwd', data: text('') }])).toThrow(/invalid/);
  });
});
