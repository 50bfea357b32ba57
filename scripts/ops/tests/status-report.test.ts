import { IMAGE_STATUSES } from '@pipeline/domain';
import { describe, expect, it } from 'vitest';
import { depthOf, formatQueueTable, formatStatusCounts, type QueueDepth } from '../status-report.ts';

const depth = (
  name: string,
  visible: number,
  inFlight: number,
  delayed: number,
  deadLetters: number,
): QueueDepth => ({
  name,
  visible,
  inFlight,
  delayed,
  deadLetters,
});

describe('depthOf', () => {
  it('reads the visible, in-flight and delayed counts SQS returns as strings', () => {
    expect(
      depthOf({
        ApproximateNumberOfMessages: '12',
        ApproximateNumberOfMessagesNotVisible: '3',
        ApproximateNumberOfMessagesDelayed: '1',
      }),
    ).toEqual({ visible: 12, inFlight: 3, delayed: 1 });
  });

  it('counts missing or unreadable attributes as 0', () => {
    expect(depthOf(undefined)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(depthOf({ ApproximateNumberOfMessages: 'many' })).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });
});

describe('formatQueueTable', () => {
  it('prints one row per queue, sorted by name, numbers right-aligned under their header', () => {
    const lines = formatQueueTable([depth('resize', 0, 1, 0, 0), depth('ingest', 120, 10, 2, 0)]);

    expect(lines).toEqual([
      '  QUEUE   VISIBLE  IN FLIGHT  DELAYED  DLQ',
      '  ingest      120         10        2    0',
      '  resize        0          1        0    0',
    ]);
  });

  it('points at make redrive beside every queue whose DLQ holds messages, and only there', () => {
    const lines = formatQueueTable([depth('ingest', 0, 0, 0, 3), depth('mailer', 5, 0, 0, 0)]);

    expect(lines[1]).toMatch(/^ {2}ingest .* 3 {2}← make redrive QUEUE=ingest$/);
    expect(lines[2]).not.toContain('redrive');
  });

  it('says so when the stack has no queue functions', () => {
    expect(formatQueueTable([])).toEqual(['  (no queue functions in this stack)']);
  });
});

describe('formatStatusCounts', () => {
  it('lists every status in lifecycle order with its count, then the total', () => {
    const lines = formatStatusCounts(IMAGE_STATUSES, { PROCESSED: 1200, REJECTED: 3, DELETED: 7 });

    expect(lines).toEqual([
      '  STATUS     IMAGES',
      '  UPLOADED        0',
      '  ACCEPTED        0',
      '  PROCESSED    1200',
      '  REJECTED        3',
      '  DELETED         7',
      '  total        1210',
    ]);
  });
});
