import { MalformedMessageError, UnexpectedMessageError } from '@pipeline/events';
import { describe, expect, it } from 'vitest';
import { metadataTypeOf, parseMetadataMessage } from '../src/metadata-message.js';
import { metadataBody, metadataEvent } from './helpers.js';

const ID = '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';

describe('parseMetadataMessage', () => {
  it('maps Caption, Date and Name to caption, takenAt and photographer', () => {
    expect(parseMetadataMessage(metadataBody(ID, 'Harbour at dawn'), 'Caption')).toEqual({
      imageId: ID,
      field: 'caption',
      value: 'Harbour at dawn',
    });
    expect(parseMetadataMessage(metadataBody(ID, '2024-05-06'), 'Date').field).toBe('takenAt');
    expect(parseMetadataMessage(metadataBody(ID, 'Ann Lee'), 'Name').field).toBe('photographer');
  });

  it('accepts a date-time with offset for Date, and null to clear any field', () => {
    expect(parseMetadataMessage(metadataBody(ID, '2024-05-06T07:08:09+02:00'), 'Date').value).toBe(
      '2024-05-06T07:08:09+02:00',
    );
    expect(parseMetadataMessage(metadataBody(ID, null), 'Name').value).toBeNull();
  });

  it('ignores extra body fields', () => {
    const body = JSON.stringify({ id: ID, value: 'x', source: 'cms' });
    expect(parseMetadataMessage(body, 'Caption').value).toBe('x');
  });

  it.each([
    ['Caption', 'x'.repeat(501), /value: must be at most 500 characters/],
    ['Name', 'x'.repeat(101), /value: must be at most 100 characters/],
    ['Date', 'last Tuesday', /value: must be an ISO-8601 date/],
    ['Date', '2024-05-06T07:08:09', /value: must be an ISO-8601 date/],
    ['Caption', 42, /value: must be a string or null/],
  ])('refuses an invalid %s value %#', (type, value, message) => {
    expect(() => parseMetadataMessage(metadataBody(ID, value), type)).toThrow(message);
  });

  it('refuses a body without value, a bad id, a non-object and non-JSON as malformed', () => {
    const cases: Array<[string, RegExp]> = [
      [JSON.stringify({ id: ID }), /value: is required \(null clears the field\)/],
      [metadataBody('../other', 'x'), /id: must be an image id/],
      [JSON.stringify({ value: 'x' }), /id: is required/],
      ['[1,2]', /body: must be a JSON object/],
      ['Caption: hello', /body: not JSON/],
    ];
    for (const [body, message] of cases) {
      const parse = () => parseMetadataMessage(body, 'Caption');
      expect(parse).toThrow(MalformedMessageError);
      expect(parse).toThrow(message);
    }
  });

  it('refuses an unknown or missing metadata_type as unexpected, naming the attribute', () => {
    expect(() => parseMetadataMessage(metadataBody(ID, 'x'), 'Location')).toThrow(UnexpectedMessageError);
    expect(() => parseMetadataMessage(metadataBody(ID, 'x'), 'caption')).toThrow(
      'metadata_type: unknown value "caption"; expected one of Caption, Date, Name',
    );
    expect(() => parseMetadataMessage(metadataBody(ID, 'x'), 'toString')).toThrow(/unknown value/);
    expect(() => parseMetadataMessage(metadataBody(ID, 'x'), undefined)).toThrow(/metadata_type: missing/);
  });
});

describe('metadataTypeOf', () => {
  it('reads the metadata_type attribute Lambda puts on the record', () => {
    const [withType, without] = metadataEvent({
      a: { body: '{}', metadataType: 'Date' },
      b: { body: '{}' },
    }).Records;
    expect(withType && metadataTypeOf(withType)).toBe('Date');
    expect(without && metadataTypeOf(without)).toBeUndefined();
  });
});
