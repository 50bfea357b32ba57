import { describe, expect, it } from 'vitest';
import { pipelineChecks } from '../pipeline-targets.ts';
import { renderReport } from '../report.ts';
import { benchRun, IMAGE, level, measure } from './run-fixture.ts';

const find = (checks: ReturnType<typeof pipelineChecks>, text: string) =>
  checks.find((c) => c.target.includes(text));

describe('pipelineChecks', () => {
  it('judges ingest, CPU, latency and the decode floor on the run', () => {
    const checks = pipelineChecks(benchRun(measure()));

    expect(find(checks, 'ingest reads')).toMatchObject({ holds: true, measured: '195 KiB, 30 ms' });
    // 780 CPU ms over the functions vs the core's 720
    expect(find(checks, 'CPU ms per image')).toMatchObject({
      holds: true,
      measured: '1.08× (780 vs 720 ms)',
    });
    // p50 of 900 and 1,000 ms = 950 = core 700 + 250
    expect(find(checks, 'upload-to-PROCESSED')).toMatchObject({ holds: true });
    expect(find(checks, 'rendition set ≤ 1.35')).toMatchObject({
      holds: true,
      measured: '1.25× (700 vs 560 ms)',
    });
    expect(find(checks, 'stretch')).toMatchObject({ holds: false });
  });

  it('misses ingest when it reads the whole original', () => {
    const m = measure();
    const ingest = m.perImage[IMAGE]?.ingest;
    if (ingest) ingest.s3BytesRead = 16_000_000;

    expect(find(pipelineChecks(benchRun(m)), 'ingest reads')?.holds).toBe(false);
  });

  it('judges throughput and p95 at concurrency 16', () => {
    const run = benchRun(measure(), [level(1), level(16, { imagesPerMinute: 170, p95Ms: 7200 })]);
    const checks = pipelineChecks(run);

    expect(find(checks, 'images per minute')).toMatchObject({ holds: true });
    expect(find(checks, 'p95 at concurrency 16')).toMatchObject({
      holds: false,
      measured: "7,200 ms (this machine decodes 1.16× slower than the baseline's)",
    });
  });

  it('compares the cost with today and says why when it cannot', () => {
    const cost = find(pipelineChecks(benchRun(measure())), '$ per 1,000');

    // Today: Lambda $0.0265 (LATEST.md) + requests $0.0604 (10 S3 PUT-tier alone are $0.05).
    // Now: Lambda $0.0169 + requests $0.0494 (9 PUT-tier); today's durations scaled by 560 / 481 ms: 27.3% less.
    expect(cost).toMatchObject({ holds: false, measured: '$0.0663 vs $0.0913 (−27.3%)' });
    const without = find(pipelineChecks(benchRun(measure({ calls: undefined }))), '$ per 1,000');
    expect(without).toMatchObject({
      holds: undefined,
      measured: 'not measured: no call log (PIPELINE_CALL_LOG) from the functions',
    });
  });

  it('reads "not measured" without invocation stats, and the report says n/a', () => {
    const run = benchRun(undefined);

    expect(find(pipelineChecks(run), 'CPU ms per image')?.measured).toBe('not measured');
    expect(renderReport(run)).toContain(
      '\n## 7. Pipeline\n\nn/a: the local runtime reported no invocation stats',
    );
  });
});
