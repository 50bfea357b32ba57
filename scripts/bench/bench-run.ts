/** What one benchmark run measured, as the report and the target checks read it. */
import type { FunctionColdStart } from './cold-start.ts';
import type { CostResult } from './cost.ts';
import type { E2eResult } from './e2e.ts';
import type { EncoderRow } from './encoder-tradeoff.ts';
import type { FeaturesResult } from './features.ts';
import type { ImageMemory } from './memory.ts';
import type { RenditionsResult } from './renditions.ts';

/** One target: what it says, what this run measured, and whether it holds (undefined: not measured). */
export type Check = { target: string; measured: string; holds: boolean | undefined };

/** A section that may not run (no stack, no zips): its value, or why it was skipped. */
export type Skippable<T> = { ok: true; value: T } | { ok: false; note: string };

export interface BenchRun {
  date: string;
  smoke: boolean;
  commit: string;
  machine: string;
  /** 1-minute load average at the start and end of each section. */
  loads: [section: string, start: number, end: number][];
  imagesSource: string;
  durationMs: number;
  chartFile: string;
  renditions: RenditionsResult;
  e2e: Skippable<E2eResult>;
  coldStart: FunctionColdStart[];
  memory: ImageMemory[];
  cost: CostResult;
  encoders: Skippable<{ image: string; widths: number[]; rows: EncoderRow[] }>;
  /** Section 8: each image feature's cost per image (issue 15). */
  features: Skippable<FeaturesResult>;
}
