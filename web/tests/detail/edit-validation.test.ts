import { describe, expect, it } from 'vitest';
import { checkEdit, editValuesFrom, fieldOfMessage, localToday } from '../../src/detail/edit-validation.ts';
import { record } from '../helpers.ts';

const today = '2026-03-10';
const base = record({ caption: 'Old', photographer: 'Ann', takenAt: '2025-07-01T12:00:00Z' });

describe('editValuesFrom', () => {
  it('fills the form from the record, date as YYYY-MM-DD', () => {
    expect(editValuesFrom(base)).toEqual({ caption: 'Old', takenAt: '2025-07-01', photographer: 'Ann' });
    expect(editValuesFrom(record())).toEqual({ caption: '', takenAt: '', photographer: '' });
  });
});

describe('checkEdit', () => {
  it('sends only the fields that changed, trimmed', () => {
    const check = checkEdit(
      { caption: '  New caption ', takenAt: '2025-07-01', photographer: 'Ann' },
      base,
      today,
    );
    expect(check).toEqual({ patch: { caption: 'New caption' }, errors: {}, unchanged: false });
  });

  it('says when nothing changed', () => {
    expect(checkEdit(editValuesFrom(base), base, today).unchanged).toBe(true);
  });

  it('limits caption to 500 and photographer to 100 characters, naming the count', () => {
    const check = checkEdit(
      { caption: 'x'.repeat(501), takenAt: '', photographer: 'y'.repeat(101) },
      record(),
      today,
    );
    expect(check.errors.caption).toBe('Caption must be 500 characters or fewer (it has 501).');
    expect(check.errors.photographer).toMatch(/100 characters or fewer \(it has 101\)/);
  });

  it('refuses impossible and future dates, allowing one day for time zones', () => {
    const values = { caption: '', photographer: '' };
    expect(checkEdit({ ...values, takenAt: '2025-02-30' }, record(), today).errors.takenAt).toMatch(
      /real date/,
    );
    expect(checkEdit({ ...values, takenAt: '2026-03-12' }, record(), today).errors.takenAt).toMatch(/future/);
    expect(checkEdit({ ...values, takenAt: '2026-03-11' }, record(), today).errors).toEqual({});
    expect(checkEdit({ ...values, takenAt: '2024-02-29' }, record(), today).patch).toEqual({
      takenAt: '2024-02-29',
    });
  });

  it('does not silently drop a date that was cleared', () => {
    const check = checkEdit({ caption: 'Old', takenAt: '', photographer: 'Ann' }, base, today);
    expect(check.errors.takenAt).toMatch(/cannot be removed/);
  });
});

describe('fieldOfMessage', () => {
  it('finds the field an API message names', () => {
    expect(fieldOfMessage('caption: Too big: expected string to have <=500 characters')).toBe('caption');
    expect(fieldOfMessage('takenAt: Invalid ISO date')).toBe('takenAt');
    expect(fieldOfMessage('photographer is too long')).toBe('photographer');
    expect(fieldOfMessage('body is not JSON')).toBeUndefined();
  });
});

describe('localToday', () => {
  it('formats the local date', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
