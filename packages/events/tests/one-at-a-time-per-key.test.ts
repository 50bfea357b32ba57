import { describe, expect, it } from 'vitest';
import { oneAtATimePerKey } from '../src/one-at-a-time-per-key.js';

/** A task that records when it starts and ends, and finishes when told to. */
function controlledTask(log: string[], name: string, fail = false) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const task = async () => {
    log.push(`start ${name}`);
    await done;
    log.push(`end ${name}`);
    if (fail) throw new Error(`${name} failed`);
    return name;
  };
  return { task, finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('oneAtATimePerKey', () => {
  it('runs tasks with the same key one after another, in the order they came', async () => {
    const run = oneAtATimePerKey();
    const log: string[] = [];
    const first = controlledTask(log, 'a1');
    const second = controlledTask(log, 'a2');

    const results = [run('a', first.task), run('a', second.task)];
    await tick();
    expect(log).toEqual(['start a1']);
    second.finish();
    await tick();
    expect(log, 'a2 waits for a1 even when it could finish').toEqual(['start a1']);
    first.finish();

    await expect(Promise.all(results)).resolves.toEqual(['a1', 'a2']);
    expect(log).toEqual(['start a1', 'end a1', 'start a2', 'end a2']);
  });

  it('runs tasks with different keys side by side', async () => {
    const run = oneAtATimePerKey();
    const log: string[] = [];
    const a = controlledTask(log, 'a');
    const b = controlledTask(log, 'b');

    const results = [run('a', a.task), run('b', b.task)];
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    a.finish();

    await expect(Promise.all(results)).resolves.toEqual(['a', 'b']);
  });

  it('starts the next task when the previous one fails, and passes each failure to its own caller', async () => {
    const run = oneAtATimePerKey();
    const log: string[] = [];
    const failing = controlledTask(log, 'bad', true);
    const next = controlledTask(log, 'good');
    failing.finish();
    next.finish();

    const results = await Promise.allSettled([run('k', failing.task), run('k', next.task)]);

    expect(results[0]).toMatchObject({ status: 'rejected', reason: new Error('bad failed') });
    expect(results[1]).toEqual({ status: 'fulfilled', value: 'good' });
    expect(log).toEqual(['start bad', 'end bad', 'start good', 'end good']);
  });

  it('does not hold on to a key once its tasks are done', async () => {
    const run = oneAtATimePerKey();
    const log: string[] = [];
    await run('k', async () => 'first');
    const later = controlledTask(log, 'later');

    const result = run('k', later.task);
    await tick();
    expect(log, 'nothing left to wait for').toEqual(['start later']);
    later.finish();
    await expect(result).resolves.toBe('later');
  });
});
