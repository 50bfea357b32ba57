import { describe, expect, it } from 'vitest';
import { runLimited } from '../src/run-limited';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('runLimited', () => {
  it('runs at most the given number of tasks at once, in the order they were queued', async () => {
    const run = runLimited(2);
    const started: number[] = [];
    let active = 0;
    let peak = 0;
    const task = (id: number) => async () => {
      started.push(id);
      active += 1;
      peak = Math.max(peak, active);
      await tick();
      active -= 1;
      return id;
    };

    const results = await Promise.all([1, 2, 3, 4, 5].map((id) => run(task(id))));

    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('passes a rejection through and frees the slot for the next task', async () => {
    const run = runLimited(1);

    const failing = run(() => Promise.reject(new Error('boom')));
    const next = run(async () => 'next');

    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('treats a limit below one as one', async () => {
    const run = runLimited(0);

    await expect(run(async () => 'ran')).resolves.toBe('ran');
  });
});
