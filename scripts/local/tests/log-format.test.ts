import { describe, expect, it } from 'vitest';
import { formatDuration, formatLogLine, lineSplitter, logStyleFromEnv } from '../log-format.ts';

const plain = { color: false, format: 'pretty' } as const;

describe('formatLogLine', () => {
  it('turns a Powertools JSON line into level, message and its own keys', () => {
    const line = JSON.stringify({
      level: 'INFO',
      message: 'accepted image',
      timestamp: '2025-01-01T00:00:00.000Z',
      service: 'ingest',
      cold_start: true,
      function_request_id: 'x',
      imageId: 'abc',
      bytes: 1234,
    });

    expect(formatLogLine(line, plain)).toEqual(['INFO  accepted image imageId=abc bytes=1234']);
  });

  it('shortens long values and prints the error with its first stack frames', () => {
    const line = JSON.stringify({
      level: 'ERROR',
      message: 'failed',
      key: 'k'.repeat(80),
      error: {
        name: 'TypeError',
        message: 'bad',
        stack: 'TypeError: bad\n    at one (a.ts:1:1)\n    at two (b.ts:2:2)',
      },
    });

    const [head, ...rest] = formatLogLine(line, plain);
    expect(head).toBe(`ERROR failed key=${'k'.repeat(39)}…`);
    expect(rest).toEqual(['  TypeError: bad', '    at one (a.ts:1:1)', '    at two (b.ts:2:2)']);
  });

  it('indents the continuation lines of a multi-line error message', () => {
    const line = JSON.stringify({
      level: 'ERROR',
      message: 'failed',
      error: { name: 'E', message: 'one\ntwo' },
    });

    expect(formatLogLine(line, plain)).toEqual(['ERROR failed', '  E: one', '    two']);
  });

  it('passes other lines, and everything in json format, through untouched', () => {
    expect(formatLogLine('plain text', plain)).toEqual(['plain text']);
    expect(formatLogLine('{"level":"INFO","message":"m"}', { color: false, format: 'json' })).toEqual([
      '{"level":"INFO","message":"m"}',
    ]);
  });
});

describe('lineSplitter', () => {
  it('emits complete lines across chunks and the rest on flush', () => {
    const lines: string[] = [];
    const splitter = lineSplitter((line) => lines.push(line));

    splitter.push('a\nb');
    splitter.push('c\r\nd');
    splitter.flush();

    expect(lines).toEqual(['a', 'bc', 'd']);
  });
});

describe('logStyleFromEnv', () => {
  it('uses colors on a TTY unless NO_COLOR, and json with LOCAL_LOG_FORMAT=json', () => {
    expect(logStyleFromEnv({}, true)).toEqual({ color: true, format: 'pretty' });
    expect(logStyleFromEnv({ NO_COLOR: '1' }, true).color).toBe(false);
    expect(logStyleFromEnv({ FORCE_COLOR: '1', LOCAL_LOG_FORMAT: 'json' }, false)).toEqual({
      color: true,
      format: 'json',
    });
  });
});

describe('formatDuration', () => {
  it('shows seconds below a minute and minutes above', () => {
    expect(formatDuration(1234)).toBe('1.23s');
    expect(formatDuration(12_345)).toBe('12.3s');
    expect(formatDuration(125_000)).toBe('2m05s');
  });
});
