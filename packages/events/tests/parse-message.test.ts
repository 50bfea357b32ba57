import { describe, expect, it } from 'vitest';
import { MalformedMessageError } from '../src/errors.js';
import { parseMessage } from '../src/parse-message.js';

const s3Event = {
  Records: [
    {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      eventTime: '2024-05-06T07:08:09.123Z',
      s3: {
        bucket: { name: 'uploads', arn: 'arn:aws:s3:::uploads' },
        object: { key: 'uploads/alice/my+cat.jpg', size: 1234, eTag: 'abc', sequencer: '0055AED6DCD90281E5' },
      },
    },
  ],
};

const accepted = {
  type: 'image.accepted',
  imageId: 'img',
  version: 'abc',
  owner: null,
  bucket: 'uploads',
  key: 'uploads/img.jpg',
  occurredAt: '2024-05-06T07:08:09.123Z',
};

describe('parseMessage', () => {
  it('parses an S3 event body', () => {
    const message = parseMessage(JSON.stringify(s3Event));
    expect(message).toEqual({
      kind: 's3',
      records: [
        {
          eventName: 'ObjectCreated:Put',
          eventTime: '2024-05-06T07:08:09.123Z',
          s3: {
            bucket: { name: 'uploads' },
            object: {
              key: 'uploads/alice/my+cat.jpg',
              size: 1234,
              eTag: 'abc',
              sequencer: '0055AED6DCD90281E5',
            },
          },
        },
      ],
    });
  });

  it('accepts ObjectRemoved records without size, eTag or sequencer (moto, AWS deletes)', () => {
    const removed = {
      Records: [
        {
          eventName: 'ObjectRemoved:Delete',
          eventTime: '2024-05-06T07:08:09',
          s3: { bucket: { name: 'u' }, object: { key: 'k' } },
        },
      ],
    };
    expect(parseMessage(JSON.stringify(removed))).toMatchObject({
      kind: 's3',
      records: [{ eventName: 'ObjectRemoved:Delete' }],
    });
  });

  it('parses a domain event', () => {
    expect(parseMessage(JSON.stringify(accepted))).toEqual({ kind: 'domain', event: accepted });
  });

  it('unwraps an SNS envelope', () => {
    const envelope = { Type: 'Notification', MessageId: 'm', Message: JSON.stringify(accepted) };
    expect(parseMessage(JSON.stringify(envelope))).toEqual({ kind: 'domain', event: accepted });
  });

  it('reads the S3 test event as an event with no records', () => {
    const test = { Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'uploads' };
    expect(parseMessage(JSON.stringify(test))).toEqual({ kind: 's3', records: [] });
  });

  it('throws MalformedMessageError for non-JSON, unknown shapes and invalid events', () => {
    expect(() => parseMessage('not json')).toThrow(MalformedMessageError);
    expect(() => parseMessage('{"hello":"world"}')).toThrow(MalformedMessageError);
    expect(() => parseMessage(JSON.stringify({ ...accepted, type: 'image.exploded' }))).toThrow(
      MalformedMessageError,
    );
    expect(() => parseMessage(JSON.stringify({ ...accepted, imageId: '' }))).toThrow(/imageId/);
    expect(() => parseMessage(JSON.stringify({ Records: [{ eventName: 'x' }] }))).toThrow(/invalid S3 event/);
  });

  it('marks malformed messages permanent', () => {
    expect(() => parseMessage('[')).toThrow(
      expect.objectContaining({ permanent: true, code: 'Message::Malformed' }),
    );
  });
});
