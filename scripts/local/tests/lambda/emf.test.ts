import { describe, expect, it } from 'vitest';
import { parseEmfLine } from '../../lambda/emf.ts';
import { formatLogLine } from '../../log-format.ts';

/** What Powertools Metrics prints for two processed images in one invocation. */
const line = JSON.stringify({
  _aws: {
    Timestamp: 1714979289123,
    CloudWatchMetrics: [
      {
        Namespace: 'ImagePipeline',
        Dimensions: [['service']],
        Metrics: [
          { Name: 'ImagesProcessed', Unit: 'Count' },
          { Name: 'ProcessingMilliseconds', Unit: 'Milliseconds' },
        ],
      },
    ],
  },
  service: 'resize',
  ImagesProcessed: [1, 1],
  ProcessingMilliseconds: [812.5, 640],
});

describe('parseEmfLine', () => {
  it('turns an EMF document into PutMetricData data per namespace', () => {
    const timestamp = new Date(1714979289123);
    expect(parseEmfLine(line)).toEqual([
      {
        namespace: 'ImagePipeline',
        data: [
          {
            MetricName: 'ImagesProcessed',
            Dimensions: [{ Name: 'service', Value: 'resize' }],
            Timestamp: timestamp,
            Values: [1, 1],
            Unit: 'Count',
          },
          {
            MetricName: 'ProcessingMilliseconds',
            Dimensions: [{ Name: 'service', Value: 'resize' }],
            Timestamp: timestamp,
            Values: [812.5, 640],
            Unit: 'Milliseconds',
          },
        ],
      },
    ]);
  });

  it('reads a single value and a metric without dimensions', () => {
    const single = JSON.stringify({
      _aws: {
        Timestamp: 1,
        CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [], Metrics: [{ Name: 'M' }] }],
      },
      M: 3,
    });
    expect(parseEmfLine(single)?.[0]?.data).toEqual([
      { MetricName: 'M', Dimensions: [], Timestamp: new Date(1), Values: [3] },
    ]);
  });

  it('ignores lines that are not EMF', () => {
    expect(parseEmfLine('{"level":"INFO","message":"hello"}')).toBeUndefined();
    expect(parseEmfLine('plain text with "_aws"')).toBeUndefined();
    expect(parseEmfLine('{"_aws": {"Timestamp": 1}}')).toBeUndefined();
  });
});

describe('formatLogLine with an EMF line', () => {
  it('prints one short METRIC line instead of the JSON', () => {
    expect(formatLogLine(line, { color: false, format: 'pretty' })).toEqual([
      'METRIC ImagePipeline ImagesProcessed=[1,1] ProcessingMilliseconds=[812.5,640]',
    ]);
  });

  it('keeps the raw JSON with LOCAL_LOG_FORMAT=json', () => {
    expect(formatLogLine(line, { color: false, format: 'json' })).toEqual([line]);
  });
});
