import { describe, expect, it } from 'vitest';
import { BatchWatcher, parseBatchLine } from '../batch-watch.ts';

describe('parseBatchLine', () => {
  it('reads batch starts with their retried count', () => {
    expect(parseBatchLine('ingest   | ▶ 5 message(s), 2 retried, cold start [1a2b3c4d]')).toEqual({
      fn: 'ingest',
      kind: 'start',
      messages: 5,
      retried: 2,
    });
    expect(parseBatchLine('resize | ▶ 1 message(s) [1a2b3c4d]')).toMatchObject({ kind: 'start', retried: 0 });
  });

  it('reads ends, and tells a killed environment from other failures', () => {
    expect(parseBatchLine('resize | ✔ 1 ok in 0.41s')).toEqual({
      fn: 'resize',
      kind: 'end',
      ok: true,
      killed: false,
    });
    expect(
      parseBatchLine('resize | ✖ batch failed in 0.12s: environment killed by SIGKILL (retry in 1s)'),
    ).toEqual({ fn: 'resize', kind: 'end', ok: false, killed: true });
    expect(parseBatchLine('ingest | ✖ 1 of 5 failed in 0.3s (retry in 1s)')).toMatchObject({
      kind: 'end',
      killed: false,
    });
  });

  it('ignores handler output and other lines', () => {
    expect(parseBatchLine('resize | INFO  Image processed imageId=x')).toBeUndefined();
    expect(parseBatchLine('resize | polling http://q (batch 1, timeout 60s)')).toBeUndefined();
    expect(parseBatchLine('no prefix at all')).toBeUndefined();
  });
});

describe('BatchWatcher', () => {
  it('knows which function is in a batch, counts retries and kills, and calls listeners per start', () => {
    const watcher = new BatchWatcher();
    const starts: string[] = [];
    watcher.onStart((fn, count) => starts.push(`${fn}#${count}`));

    watcher.observe('resize | ▶ 1 message(s) [a]');
    expect(watcher.inBatch('resize')).toBe(true);
    expect(watcher.inBatch('ingest')).toBe(false);
    watcher.observe('resize | ✖ batch failed in 0.1s: environment killed by SIGKILL (retry in 1s)');
    expect(watcher.inBatch('resize')).toBe(false);
    watcher.observe('resize | ▶ 1 message(s), 1 retried, cold start [b]');
    watcher.reset();

    expect(watcher.inBatch('resize')).toBe(false);
    expect(starts).toEqual(['resize#1', 'resize#2']);
    expect(watcher.killedBatches).toBe(1);
    expect(watcher.retriedBatches).toBe(1);
  });
});
