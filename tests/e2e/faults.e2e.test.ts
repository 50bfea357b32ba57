import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { lineLogFile } from '../../scripts/soak/log-file.ts';
import { failedInvariants } from '../../scripts/soak/report.ts';
import { runSoak } from '../../scripts/soak/soak.ts';

const stack = inject('stack');
const endpoint = inject('endpoint');
const logDir = path.resolve(import.meta.dirname, '../../.local', `test-${process.env.TEST_AWS_PORT ?? 4567}`);

/** A short soak; the runtime's lines go to .local/test-<port>/faults-<name>.runtime.log. */
function options(name: string) {
  const runtimeLogFile = path.join(logDir, `faults-${name}.runtime.log`);
  return {
    outputs: stack,
    endpoint,
    uploads: 16,
    sharedStack: true,
    log: () => {},
    runtimeLog: lineLogFile(runtimeLogFile),
    show: (lines: string[]) => console.log([...lines, `runtime log: ${runtimeLogFile}`].join('\n')),
  };
}

/**
 * The soak's invariants under faults. Each run is a short soak; the faults
 * are real: processes SIGKILLed mid-batch, AWS calls failing inside the
 * functions (PIPELINE_FAULTS, packages/aws), never in the observer.
 */
describe('the pipeline under faults', () => {
  it('keeps every invariant when the ingest and resize execution environments are SIGKILLed mid-batch', async () => {
    const { show, ...run } = options('workers');
    const result = await runSoak({ ...run, crash: { mode: 'worker', every: 2, kills: 4 } });
    show(result.lines);

    expect(failedInvariants(result)).toEqual([]);
    // The runtime itself reported batches ended by the kill, and ran them again.
    expect(result.faults.workerKills).toBeGreaterThan(0);
    expect(result.faults.retriedBatches).toBeGreaterThan(0);
  }, 180_000);

  it('keeps every invariant when the whole runtime is SIGKILLed mid-batch and restarted', async () => {
    const { show, ...run } = options('runtime');
    const result = await runSoak({ ...run, crash: { mode: 'runtime', every: 3, kills: 2 } });
    show(result.lines);

    expect(failedInvariants(result)).toEqual([]);
    expect(result.faults.runtimeKills).toBeGreaterThan(0);
    // The messages the dead runtime held came back (after the visibility timeout) and were received again.
    expect(result.faults.retriedBatches).toBeGreaterThan(0);
  }, 180_000);

  it('keeps every invariant when 10 % of the functions’ AWS calls fail', async () => {
    const { show, ...run } = options('rate');
    const result = await runSoak({ ...run, faults: 'rate=0.1' });
    show(result.lines);

    expect(failedInvariants(result)).toEqual([]);
    expect(result.faults.retriedBatches).toBeGreaterThan(0);
    // Room for two drains of a message held for a whole visibility timeout (soak.ts FAULTED_DRAIN_MS).
  }, 540_000);

  it('keeps every invariant when the first SNS publish of every execution environment fails', async () => {
    // Deterministic where rate=0.1 is chance: the publish right after a record moved (ACCEPTED, PROCESSED,
    // DELETED) fails once, so the retry must still announce what the first attempt recorded.
    const { show, ...run } = options('first-publish');
    const result = await runSoak({ ...run, uploads: 12, faults: 'sns:Publish=1' });
    show(result.lines);

    expect(failedInvariants(result)).toEqual([]);
    expect(result.faults.retriedBatches).toBeGreaterThan(0);
  }, 240_000);
});
