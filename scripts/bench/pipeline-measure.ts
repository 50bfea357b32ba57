/**
 * The pipeline rows of the end-to-end section: while the levels run, the
 * local runtime's per-invocation stats and the functions' call logs are
 * kept; at concurrency 1 they are attributed per image (S3 bytes, CPU ms,
 * billed ms, requests), at every level they say how many execution
 * environments each function used.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { memoryFor } from '../local/lambda/function-settings.ts';
import type { StackOutputs } from '../local/stack/stack-outputs.ts';
import { type CallCounts, diffCallCounts, readCallCounts } from './call-log.ts';
import {
  type EnvironmentsUsed,
  environmentsUsed,
  type FunctionUsage,
  InvocationLog,
  type PerImageUsage,
  usagePerImage,
} from './invocation-log.ts';

/** What concurrency 1 measured per image, for the report's pipeline rows. */
export interface PipelineMeasure {
  /** Whether the runtime reported any invocation (false: a runtime without `onInvocation`). */
  statsSeen: boolean;
  uploads: number;
  /** Per image name, per function: per upload. */
  perImage: PerImageUsage;
  /** Invocations about no upload of the level (e.g. a renditions-bucket event), per function, summed. */
  unattributed: Record<string, FunctionUsage>;
  /** Calls during the level, all uploads together; undefined when no call log was written. */
  calls: CallCounts | undefined;
  /** Memory of every function, MB (function.json, as the runtime gives it). */
  memoryMb: Record<string, number>;
}

/** Holds the runtime's stats and the call log directory for one end-to-end run. */
export class PipelineRecorder {
  readonly invocations = new InvocationLog();
  readonly callLogDir: string;
  private readonly shortNames: Map<string, string>;
  private readonly previousCallLog = process.env.PIPELINE_CALL_LOG;

  /** Empties `<stateDir>/calls` and points PIPELINE_CALL_LOG there (the runtime passes it to every function). */
  constructor(
    stateDir: string,
    private readonly outputs: StackOutputs,
  ) {
    this.callLogDir = path.join(stateDir, 'calls');
    rmSync(this.callLogDir, { recursive: true, force: true });
    mkdirSync(this.callLogDir, { recursive: true });
    process.env.PIPELINE_CALL_LOG = this.callLogDir;
    this.shortNames = new Map(
      Object.entries(outputs.functions).map(([name, fn]) => [fn.function_name, name]),
    );
  }

  /** Puts PIPELINE_CALL_LOG back as it was. */
  restore(): void {
    if (this.previousCallLog === undefined) delete process.env.PIPELINE_CALL_LOG;
    else process.env.PIPELINE_CALL_LOG = this.previousCallLog;
  }

  /** Marks the start of a level. */
  start(): { mark: number; calls: CallCounts } {
    return { mark: this.invocations.mark(), calls: readCallCounts(this.callLogDir, this.shortNames) };
  }

  /** Environments each function used since `started`. */
  environments(started: { mark: number }): Record<string, EnvironmentsUsed> {
    return environmentsUsed(this.invocations.since(started.mark));
  }

  /**
   * After the concurrency-1 level: waits for the functions that run after PROCESSED (the mailer,
   * counters) to finish, then attributes what the level did to its uploads (imageId -> name).
   */
  async measure(
    started: { mark: number; calls: CallCounts },
    uploads: Map<string, string>,
  ): Promise<PipelineMeasure> {
    await this.invocations.settle(2000, 20_000);
    const samples = this.invocations.since(started.mark);
    const { perImage, unattributed } = usagePerImage(samples, uploads);
    const calls = diffCallCounts(readCallCounts(this.callLogDir, this.shortNames), started.calls);
    return {
      statsSeen: this.invocations.samples.length > 0,
      uploads: uploads.size,
      perImage,
      unattributed,
      calls: Object.keys(calls).length > 0 ? calls : undefined,
      memoryMb: Object.fromEntries(
        Object.entries(this.outputs.functions).map(([name, fn]) => [name, memoryFor(name, fn)]),
      ),
    };
  }
}
