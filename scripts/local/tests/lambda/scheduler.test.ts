import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextRunAfter, parseSchedule } from '../../lambda/schedule-expression.ts';
import { accountOf, buildScheduledEvent, startScheduleLoop } from '../../lambda/scheduler.ts';
import type { StackOutputs } from '../../stack/stack-outputs.ts';

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('parseSchedule', () => {
  it.each([
    ['rate(1 minute)', MINUTE],
    ['rate(5 minutes)', 5 * MINUTE],
    ['rate(1 hour)', 60 * MINUTE],
    ['rate(12 hours)', 12 * 60 * MINUTE],
    ['rate(1 day)', 24 * 60 * MINUTE],
    [' rate(2 days) ', 2 * 24 * 60 * MINUTE],
  ])('reads %s as a rate', (expression, everyMs) => {
    expect(parseSchedule(expression)).toMatchObject({ kind: 'rate', everyMs });
  });

  it.each([
    ['rate(5 minute)', 'EventBridge wants "5 minutes"'],
    ['rate(1 hours)', 'EventBridge wants "1 hour"'],
    ['rate(0 minutes)', 'at least 1'],
    ['rate(5 seconds)', 'expected rate(<n> <unit>) or cron(<6 fields>)'],
    ['every 5 minutes', 'expected rate'],
    ['cron(0 12 * * ?)', 'cron takes 6 fields'],
    ['cron(0 12 * * * *)', 'exactly one of day-of-month and day-of-week must be ?'],
    ['cron(0 12 L * ? *)', 'L, W and # are not supported'],
    ['cron(0 10 ? * 6#3 *)', 'L, W and # are not supported'],
    ['cron(61 * * * ? *)', '61 is not a value from 0 to 59'],
    ['cron(0 5-2 * * ? *)', 'runs backwards'],
  ])('rejects %s', (expression, why) => {
    expect(() => parseSchedule(expression)).toThrow(why);
  });
});

describe('nextRunAfter', () => {
  it('adds the rate to the previous run', () => {
    expect(nextRunAfter(parseSchedule('rate(5 minutes)'), 1_000)).toBe(1_000 + 5 * MINUTE);
  });

  it.each([
    // every 15 minutes
    ['cron(0/15 * * * ? *)', '2024-05-06T07:08:09Z', '2024-05-06T07:15:00.000Z'],
    // 12:00 UTC daily: the same minute counts only strictly after
    ['cron(0 12 * * ? *)', '2024-05-06T12:00:00Z', '2024-05-07T12:00:00.000Z'],
    // weekdays at 08:30 (2024-05-10 is a Friday, so Monday the 13th)
    ['cron(30 8 ? * MON-FRI *)', '2024-05-10T09:00:00Z', '2024-05-13T08:30:00.000Z'],
    // first of the month, lists and names
    ['cron(0 0 1 JAN,JUL ? *)', '2024-05-06T00:00:00Z', '2024-07-01T00:00:00.000Z'],
    // a year field
    ['cron(0 0 1 1 ? 2026)', '2024-05-06T00:00:00Z', '2026-01-01T00:00:00.000Z'],
    // the 31st skips the months without one
    ['cron(0 0 31 * ? *)', '2024-05-31T00:00:00Z', '2024-07-31T00:00:00.000Z'],
  ])('%s after %s is %s', (expression, after, expected) => {
    expect(iso(nextRunAfter(parseSchedule(expression), at(after)))).toBe(expected);
  });

  it('finds no run for a year that has passed', () => {
    expect(nextRunAfter(parseSchedule('cron(0 0 1 1 ? 2020)'), at('2024-05-06T00:00:00Z'))).toBeUndefined();
  });
});

describe('buildScheduledEvent', () => {
  it('looks like the event an EventBridge schedule rule sends', () => {
    const event = buildScheduledEvent({
      ruleName: 'local-bucket-metrics',
      region: 'us-east-1',
      account: '123456789012',
      time: new Date('2024-05-06T07:05:00.123Z'),
      id: 'e1',
    });
    expect(event).toEqual({
      version: '0',
      id: 'e1',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: '2024-05-06T07:05:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:123456789012:rule/local-bucket-metrics'],
      detail: {},
    });
  });

  it('takes the account from the stack outputs', () => {
    const outputs = { events_topic_arn: 'arn:aws:sns:us-east-1:000000000000:image-events' } as StackOutputs;
    expect(accountOf(outputs)).toBe('000000000000');
  });
});

describe('startScheduleLoop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(at('2024-05-06T07:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs first after the delay, then on the schedule', async () => {
    const runs: string[] = [];
    const loop = startScheduleLoop({
      schedule: parseSchedule('rate(5 minutes)'),
      firstRunDelayMs: 3_000,
      run: async () => {
        runs.push(new Date().toISOString());
      },
    });

    await vi.advanceTimersByTimeAsync(2_999);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(10 * MINUTE + 1);
    await loop.stop();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);

    expect(runs).toEqual([
      '2024-05-06T07:00:03.000Z',
      '2024-05-06T07:05:03.000Z',
      '2024-05-06T07:10:03.000Z',
    ]);
  });

  it('skips a run that is due while the previous one is still going, and keeps to the grid', async () => {
    const skipped: string[] = [];
    let calls = 0;
    const loop = startScheduleLoop({
      schedule: parseSchedule('rate(1 minute)'),
      firstRunDelayMs: 0,
      // The first run takes 90 s, the others none.
      run: () => new Promise((resolve) => setTimeout(resolve, calls++ === 0 ? 90_000 : 0)),
      onSkip: (due) => skipped.push(due.toISOString()),
    });

    await vi.advanceTimersByTimeAsync(2 * MINUTE + 1);
    await loop.stop();

    expect(skipped).toEqual(['2024-05-06T07:01:00.000Z']);
    expect(calls).toBe(2);
  });

  it('keeps running after a run fails', async () => {
    const run = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(undefined);
    const loop = startScheduleLoop({ schedule: parseSchedule('rate(1 minute)'), firstRunDelayMs: 0, run });
    await vi.advanceTimersByTimeAsync(MINUTE + 1);
    await loop.stop();
    expect(run).toHaveBeenCalledTimes(2);
  });
});
