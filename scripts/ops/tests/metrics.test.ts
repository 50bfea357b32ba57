import { describe, expect, it } from 'vitest';
import {
  differences,
  driftLines,
  formatTable,
  formatValue,
  type MetricValue,
  metricKey,
  putBySummary,
  type RunSummary,
  sortMetrics,
} from '../metrics-report.ts';

const run: RunSummary = {
  namespace: 'CustomS3',
  timestamp: '2024-05-06T07:08:09.123Z',
  metrics: 4,
  calls: 1,
  buckets: [{ bucket: 'up', objects: 3, bytes: 3000, prefixes: { 'uploads/': { objects: 2, bytes: 2500 } } }],
};

const value = (metric: string, dimensions: Record<string, string>, v: number): MetricValue => ({
  namespace: 'CustomS3',
  metric,
  dimensions,
  value: v,
});

describe('putBySummary and differences', () => {
  it('keys what the run put by metric and dimensions, whatever their order', () => {
    const put = putBySummary(run);
    expect(put.get(metricKey('BucketSizeBytes', { Prefix: 'uploads/', BucketName: 'up' }))).toBe(2500);
    expect(put.get(metricKey('NumberOfObjects', { BucketName: 'up' }))).toBe(3);
    expect(put.size).toBe(4);
  });

  it('finds nothing when CloudWatch holds what was put', () => {
    const readBack = [
      value('NumberOfObjects', { BucketName: 'up' }, 3),
      value('BucketSizeBytes', { BucketName: 'up' }, 3000),
      value('NumberOfObjects', { BucketName: 'up', Prefix: 'uploads/' }, 2),
      value('BucketSizeBytes', { BucketName: 'up', Prefix: 'uploads/' }, 2500),
    ];
    expect(differences(putBySummary(run), readBack)).toEqual([]);
  });

  it('names a metric read back with another value and one missing', () => {
    const readBack = [
      value('NumberOfObjects', { BucketName: 'up' }, 4),
      value('BucketSizeBytes', { BucketName: 'up' }, 3000),
      value('NumberOfObjects', { BucketName: 'up', Prefix: 'uploads/' }, 2),
    ];
    expect(differences(putBySummary(run), readBack)).toEqual([
      'NumberOfObjects BucketName=up: put 3, read back 4',
      'BucketSizeBytes BucketName=up Prefix=uploads/: put 2500, not read back',
    ]);
  });
});

describe('formatValue', () => {
  it('prints counts with separators and bytes with a binary unit', () => {
    expect(formatValue('NumberOfObjects', 1500)).toBe('1,500');
    expect(formatValue('BucketSizeBytes', 512)).toBe('512 B');
    expect(formatValue('BucketSizeBytes', 3 * 1024 * 1024 + 1)).toBe('3,145,729 B (3.0 MiB)');
  });
});

describe('sortMetrics', () => {
  it('puts each bucket total before its prefixes, objects before bytes', () => {
    const sorted = sortMetrics([
      value('BucketSizeBytes', { BucketName: 'b', Prefix: 'x/' }, 1),
      value('BucketSizeBytes', { BucketName: 'a' }, 1),
      value('NumberOfObjects', { BucketName: 'b' }, 1),
      value('NumberOfObjects', { BucketName: 'a' }, 1),
    ]);
    expect(sorted.map((m) => metricKey(m.metric, m.dimensions))).toEqual([
      'NumberOfObjects BucketName=a',
      'BucketSizeBytes BucketName=a',
      'NumberOfObjects BucketName=b',
      'BucketSizeBytes BucketName=b Prefix=x/',
    ]);
  });
});

describe('formatTable', () => {
  it('pads every column but the last', () => {
    expect(
      formatTable(
        ['A', 'LONG'],
        [
          ['xyz', '1'],
          ['q', '22'],
        ],
      ),
    ).toEqual(['  A    LONG', '  xyz  1', '  q    22']);
  });
});

describe('driftLines', () => {
  const run = { namespace: 'CustomS3', timestamp: 't', metrics: 0, calls: 0, buckets: [] };
  it('says nothing for a 5-minute run and that the counters were exact when no value drifted', () => {
    expect(driftLines(run)).toEqual([]);
    const exact = { ...run, drift: [{ bucket: 'u', prefix: 'uploads/', objects: 0, bytes: 0 }] };
    expect(driftLines(exact)).toEqual(['counters exact: no drift on 1 managed Prefix values']);
  });

  it('lists each drifted value and whether it was corrected', () => {
    const drifted = {
      ...run,
      corrected: false,
      drift: [{ bucket: 'r', prefix: 'renditions/thumb', objects: 2, bytes: 30 }],
    };
    expect(driftLines(drifted)).toEqual([
      'drift r renditions/thumb: 2 objects, 30 bytes (listing minus counters)',
      'not corrected: counters moved during the listing (next reconcile)',
    ]);
  });
});
