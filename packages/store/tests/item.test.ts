import { describe, expect, it } from 'vitest';
import { InvalidRecordError } from '../src/errors.js';
import { toItem, toRecord } from '../src/item.js';
import { aRecord } from './fixtures.js';

describe('item mapping', () => {
  it('leaves null fields (including a null owner) out of the item', () => {
    const item = toItem(aRecord({ owner: null }));
    expect(item).not.toHaveProperty('owner');
    expect(item).not.toHaveProperty('caption');
    expect(item.status).toBe('ACCEPTED');
  });

  it('reads absent attributes back as null', () => {
    const record = aRecord({ owner: null });
    expect(toRecord(JSON.parse(JSON.stringify(toItem(record))))).toEqual(record);
  });

  it('rejects items that are not records', () => {
    expect(() => toRecord({ status: 'ACCEPTED' })).toThrow(InvalidRecordError);
    expect(() => toRecord({ imageId: 'x', status: 'LOST' })).toThrow(/unknown status/);
  });
});
