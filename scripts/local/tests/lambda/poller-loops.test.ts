import { describe, expect, it } from 'vitest';
import { PollerLoops } from '../../lambda/poller-loops.ts';

/**
 * A queue of `backlog` messages polled by loops that take one message per
 * receive and hold it until the test releases it, so the test decides when
 * work ends and can look at how many loops run meanwhile.
 */
function heldQueue(backlog: number) {
  let left = backlog;
  let received = 0;
  const held: (() => void)[] = [];
  let emptyReceives = 0;
  const loop = async (scaling: { grow(): void; retire(): boolean }) => {
    for (;;) {
      await Promise.resolve(); // a receive
      if (left === 0) {
        emptyReceives += 1;
        if (scaling.retire() || emptyReceives > 50) return;
        continue;
      }
      left -= 1;
      received += 1;
      scaling.grow();
      await new Promise<void>((resolve) => held.push(resolve));
    }
  };
  return {
    loop,
    held,
    get received() {
      return received;
    },
  };
}

/** Lets queued microtasks and timers run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('PollerLoops', () => {
  it('grows to max loops while messages wait, and no further', async () => {
    const queue = heldQueue(10);
    const loops = new PollerLoops(3, queue.loop);
    const done = loops.run();
    await settle();

    expect(queue.held).toHaveLength(3);
    expect(loops.peak).toBe(3);

    while (queue.received < 10 || queue.held.length > 0) {
      for (const release of queue.held.splice(0)) release();
      await settle();
    }
    await done;
    expect(loops.peak).toBe(3);
  });

  it('runs one loop at a time when max is 1', async () => {
    const queue = heldQueue(4);
    const loops = new PollerLoops(1, queue.loop);
    const done = loops.run();
    await settle();

    expect(queue.held).toHaveLength(1);
    while (queue.received < 4 || queue.held.length > 0) {
      for (const release of queue.held.splice(0)) release();
      await settle();
    }
    await done;
    expect(loops.peak).toBe(1);
  });

  it('retires loops that find the queue empty, but never the last one', async () => {
    let receives = 0;
    let active = 0;
    let activeWhenLastRetireRefused = -1;
    const loops = new PollerLoops(4, async (scaling) => {
      active += 1;
      for (;;) {
        await Promise.resolve();
        receives += 1;
        if (receives <= 3) {
          scaling.grow(); // three receives with messages: four loops
          continue;
        }
        if (scaling.retire()) {
          active -= 1;
          return;
        }
        activeWhenLastRetireRefused = active;
        active -= 1;
        return; // the test ends the last loop itself
      }
    });
    await loops.run();

    expect(loops.peak).toBe(4);
    expect(activeWhenLastRetireRefused).toBe(1);
  });
});
