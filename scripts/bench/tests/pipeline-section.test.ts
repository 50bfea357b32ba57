import { describe, expect, it } from 'vitest';
import { renderReport } from '../report.ts';
import { benchRun, IMAGE, level, measure } from './run-fixture.ts';

describe('the pipeline section', () => {
  it('puts bytes, CPU over every function and latency against the core in one row per image', () => {
    const report = renderReport(benchRun(measure()));

    // 200 KB + 16 MB read; 780 CPU ms vs the core's 720; p50 950 ms vs the core's 700 ms
    expect(report).toContain(
      `| ${IMAGE} | 16.20 MB | ingest 195 KiB, resize 16.00 MB | 780 | 720 | 1.08× | 950 | 700 | +250 | 1.36× |`,
    );
    // Today's durations scaled by the fixture's floor (560 ms) over the baseline's (481 ms).
    expect(report).toContain('| **total** | | | | **0.09126** | **0.06635** (−27.3%) |');
    // 16 PutObject and 2 Publish over 2 uploads
    expect(report).toContain('| resize | s3:PutObject 8, sns:Publish 1 |');
  });

  it('says the runtime scaled out when a function ran in more than one environment at once', () => {
    const scaled = level(16, { environments: { resize: { peak: 2, created: 1 } } });
    const single = level(1, { environments: { resize: { peak: 1, created: 1 } } });

    expect(renderReport(benchRun(measure(), [single, scaled]))).toContain(
      'the most any function ran at once was 2 (section 7)',
    );
    expect(renderReport(benchRun(measure(), [single]))).toContain(
      'The local runtime ran one execution environment per function',
    );
  });
});
