import { describe, expect, it } from 'vitest';
import { failedInvariants, formatSummary, passed, type SoakSummary } from '../report.ts';
import type { Verdict } from '../verdict.ts';

const ok: Verdict = {
  name: 'one terminal record per upload',
  ok: true,
  detail: '2/2 terminal',
  problems: [],
};
const skip: Verdict = {
  name: 'emails match events',
  ok: 'skipped',
  detail: 'skipped: mailer not built',
  problems: [],
};

function summary(verdicts: Verdict[]): SoakSummary {
  return {
    uploads: [
      { imageId: 'a', key: 'uploads/o/a.jpg', kind: 'valid', versions: ['v1'] },
      { imageId: 'b', key: 'uploads/o/b.jpg', kind: 'overwrite', versions: ['v1', 'v2'] },
      { imageId: 'c', key: 'uploads/o/c.jpg', kind: 'valid', versions: ['v1'] },
    ],
    records: new Map([
      ['a', { imageId: 'a', status: 'PROCESSED' }],
      ['b', { imageId: 'b', status: 'PROCESSED' }],
      ['c', { imageId: 'c', status: 'ACCEPTED' }],
    ]),
    verdicts,
    concurrency: 8,
    seed: 5,
    photos: 'generated',
    faults: { description: 'none', workerKills: 0, runtimeKills: 0, retriedBatches: 0, redriven: 0 },
    timings: { uploadMs: 30_000, drainMs: 30_000, checkMs: 2_000 },
  };
}

describe('formatSummary', () => {
  it('counts uploads and final statuses per kind, with a total row', () => {
    const lines = formatSummary(summary([ok]));
    expect(lines[0]).toBe('Soak: 3 uploads (4 PUTs, 8 at a time), seed 5, photos: generated, faults: none');
    expect(lines).toContain('| valid photo | 2 | 1 | 0 | 0 | 1 |');
    expect(lines).toContain('| overwrite of the same key (at once) | 1 | 1 | 0 | 0 | 0 |');
    expect(lines).toContain('| **total** | **3** | **2** | **0** | **0** | **1** |');
  });

  it('marks each invariant, lists the problems of failed ones and gives throughput', () => {
    const failed: Verdict = {
      name: 'no orphan renditions',
      ok: false,
      detail: '1 orphaned',
      problems: ['x: 1 object'],
    };
    const lines = formatSummary(summary([ok, failed, skip]));
    expect(lines).toContain('| one terminal record per upload | ✔ | 2/2 terminal |');
    expect(lines).toContain('| no orphan renditions | ✖ | 1 orphaned |');
    expect(lines).toContain('| emails match events | – | skipped: mailer not built |');
    expect(lines).toContain('  - x: 1 object');
    expect(lines).toContain('duration: uploads 30.0 s, drain 30.0 s, checks 2.0 s, total 62.0 s');
    expect(lines).toContain('throughput: 3 uploads/min, 2 images processed/min (upload start to drained)');
    expect(lines.at(-1)).toBe('result: ✖ 1 invariant(s) failed');
  });
});

describe('passed', () => {
  it('fails on a failed invariant, not on a skipped one', () => {
    expect(passed({ verdicts: [ok, skip] })).toBe(true);
    expect(passed({ verdicts: [ok, { ...ok, ok: false }] })).toBe(false);
  });
});

describe('failedInvariants', () => {
  it('lists each failed invariant with its offenders, and nothing for passed or skipped ones', () => {
    const failed: Verdict = {
      name: 'no orphan renditions',
      ok: false,
      detail: '2 orphaned',
      problems: ['x', 'y'],
    };
    expect(failedInvariants({ verdicts: [ok, skip, failed] })).toEqual([
      'no orphan renditions: 2 orphaned\n  x\n  y',
    ]);
    expect(failedInvariants({ verdicts: [ok, skip] })).toEqual([]);
  });
});
