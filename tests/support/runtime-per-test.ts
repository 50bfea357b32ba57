import { afterEach } from 'vitest';
import { type Runtime, type RuntimeOptions, startRuntime } from '../../scripts/local/lambda/runtime.ts';

/**
 * The local Lambda runtime, started by a test and stopped after it (also when
 * it fails), so no poller outlives its test into the next one.
 *
 * @returns `start(options)`; the runtime it started last is stopped after the test.
 */
export function runtimePerTest(): { start(options: RuntimeOptions): Promise<Runtime> } {
  let running: Runtime | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  return {
    async start(options) {
      running = await startRuntime(options);
      return running;
    },
  };
}
