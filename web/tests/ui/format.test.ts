import { describe, expect, it } from 'vitest';
import { formatBytes, formatDimensions, isoDatePart } from '../../src/ui/format.ts';

describe('formatBytes', () => {
  it('uses binary units with one decimal below ten', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatBytes(undefined)).toBe('—');
  });
});

describe('isoDatePart', () => {
  it('takes the date of a date or a timestamp', () => {
    expect(isoDatePart('2024-05-06')).toBe('2024-05-06');
    expect(isoDatePart('2024-05-06T10:00:00Z')).toBe('2024-05-06');
    expect(isoDatePart('yesterday')).toBe('');
    expect(isoDatePart(undefined)).toBe('');
  });
});

describe('formatDimensions', () => {
  it('shows width by height', () => {
    expect(formatDimensions(2400, 1600)).toBe('2400 × 1600');
    expect(formatDimensions(undefined, 5)).toBe('—');
  });
});
