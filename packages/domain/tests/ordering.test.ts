import { describe, expect, it } from 'vitest';
import { InvalidOrderKeyError } from '../src/errors.js';
import { compareOrderKeys, isNewer, orderKeyFor, SEQUENCER_WIDTH } from '../src/ordering.js';

describe('orderKeyFor', () => {
  it('uses the sequencer when present, padded to a fixed width', () => {
    const key = orderKeyFor({ sequencer: '0055aed6dcd90281e5', eventTime: '2024-01-01T00:00:00.000Z' });
    expect(key).toHaveLength(SEQUENCER_WIDTH);
    expect(key.endsWith('0055AED6DCD90281E5')).toBe(true);
  });

  it('orders sequencers of different lengths as hex numbers', () => {
    const shorter = orderKeyFor({ sequencer: 'FF', eventTime: '2024-01-01T00:00:00Z' });
    const longer = orderKeyFor({ sequencer: '100', eventTime: '2024-01-01T00:00:00Z' });
    // As raw strings 'FF' > '100'; as hex 0xFF < 0x100.
    expect(compareOrderKeys(shorter, longer)).toBeLessThan(0);
  });

  it('compares sequencers case-insensitively', () => {
    const lower = orderKeyFor({ sequencer: 'abc', eventTime: '2024-01-01T00:00:00Z' });
    const upper = orderKeyFor({ sequencer: 'ABC', eventTime: '2024-01-01T00:00:00Z' });
    expect(lower).toBe(upper);
  });

  it('falls back to eventTime when there is no sequencer (moto)', () => {
    expect(orderKeyFor({ eventTime: '2024-05-06T07:08:09.123Z' })).toBe('2024-05-06T07:08:09.123000Z');
  });

  it('keeps microseconds and treats a missing zone as UTC', () => {
    expect(orderKeyFor({ eventTime: '2024-05-06T07:08:09.123456' })).toBe('2024-05-06T07:08:09.123456Z');
  });

  it('converts offsets to UTC', () => {
    expect(orderKeyFor({ eventTime: '2024-05-06T09:08:09.5+02:00' })).toBe('2024-05-06T07:08:09.500000Z');
    expect(orderKeyFor({ eventTime: '2024-05-06T09:08:09+0200' })).toBe('2024-05-06T07:08:09.000000Z');
  });

  it('orders event times chronologically', () => {
    const earlier = orderKeyFor({ eventTime: '2024-05-06T07:08:09.9Z' });
    const later = orderKeyFor({ eventTime: '2024-05-06T07:08:10.1Z' });
    expect(isNewer(later, earlier)).toBe(true);
    expect(isNewer(earlier, later)).toBe(false);
    expect(compareOrderKeys(earlier, earlier)).toBe(0);
  });

  it('rejects unusable inputs with InvalidOrderKeyError', () => {
    expect(() => orderKeyFor({ sequencer: 'xyz', eventTime: '2024-01-01T00:00:00Z' })).toThrow(
      InvalidOrderKeyError,
    );
    expect(() => orderKeyFor({ eventTime: 'yesterday' })).toThrow(InvalidOrderKeyError);
  });
});
