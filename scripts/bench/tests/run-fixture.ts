/** A BenchRun with one 18 MP image and a concurrency-1 pipeline measure, for the report and target tests. */
import type { BenchRun } from '../bench-run.ts';
import type { E2eLevel } from '../e2e.ts';
import type { PipelineMeasure } from '../pipeline-measure.ts';
import type { Column } from '../renditions.ts';

export const IMAGE = 'photo-5640x3172.jpg';

const column = (ms: number, cpuMs = ms): Column => ({ ok: true, ms, cpuMs, bytes: 1, runs: [ms] });

export function level(concurrency: number, over: Partial<E2eLevel> = {}): E2eLevel {
  return {
    concurrency,
    uploads: 8,
    p50Ms: 900,
    p95Ms: 1000,
    maxMs: 1000,
    imagesPerMinute: 100,
    uploadMs: 10,
    byImage: { [IMAGE]: [900, 1000] },
    environments: {},
    ...over,
  };
}

export function measure(over: Partial<PipelineMeasure> = {}): PipelineMeasure {
  return {
    statsSeen: true,
    uploads: 2,
    perImage: {
      [IMAGE]: {
        ingest: { invocations: 1, records: 1, durationMs: 30, cpuMs: 20, s3BytesRead: 200_000 },
        resize: { invocations: 1, records: 1, durationMs: 700, cpuMs: 760, s3BytesRead: 16_000_000 },
      },
    },
    unattributed: {},
    calls: {
      ingest: { 's3:GetObject': { calls: 2, items: 2 }, 'dynamodb:PutItem': { calls: 2, items: 2 } },
      resize: { 's3:PutObject': { calls: 16, items: 16 }, 'sns:Publish': { calls: 2, items: 2 } },
    },
    memoryMb: { ingest: 1024, resize: 1769 },
    ...over,
  };
}

export function benchRun(pipeline: PipelineMeasure | undefined, levels: E2eLevel[] = [level(1)]): BenchRun {
  const image = { name: IMAGE, file: '/x', format: 'jpeg', width: 5640, height: 3172, bytes: 16_000_000 };
  const skipped: Column = { ok: false, note: 'skipped' };
  return {
    date: '2026-12-02',
    smoke: false,
    commit: 'abc',
    machine: 'test',
    loads: [],
    imagesSource: 'test',
    durationMs: 1,
    chartFile: 'x.svg',
    renditions: {
      iterations: 1,
      images: [
        {
          image,
          columns: {
            core: column(700, 720),
            naive: skipped,
            pillow: skipped,
            vips: skipped,
            floor: column(560),
            core1: skipped,
          },
        },
      ],
      tools: { pillow: { ok: false, note: '-' }, vips: { ok: false, note: '-' }, taskset: false },
    },
    e2e: { ok: true, value: { levels, handlerMs: {}, setupMs: 1, port: 1, ...(pipeline && { pipeline }) } },
    coldStart: [],
    memory: [],
    cost: {
      ingestMemoryMb: 1024,
      resizeMemoryMb: 1769,
      rows: [],
      sweep: [],
      sweepImage: IMAGE,
      overheadMs: 0,
    },
    encoders: { ok: false, note: '-' },
    features: { ok: false, note: '-' },
  };
}
