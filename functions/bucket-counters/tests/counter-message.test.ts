import { isPermanentError } from '@pipeline/domain';
import { describe, expect, it } from 'vitest';
import { parseCounterMessage } from '../src/counter-message.js';

const event = {
  type: 'image.deleted',
  imageId: 'img-1',
  version: 'v1',
  owner: null,
  bucket: 'uploads',
  key: 'uploads/img-1.jpg',
  occurredAt: '2024-01-01T00:00:00.000Z',
};

describe('parseCounterMessage', () => {
  it('reads the image of a domain event, raw or in an SNS envelope', () => {
    expect(parseCounterMessage(JSON.stringify(event))).toEqual({ imageId: 'img-1', type: 'image.deleted' });
    const envelope = { Type: 'Notification', Message: JSON.stringify(event) };
    expect(parseCounterMessage(JSON.stringify(envelope)).imageId).toBe('img-1');
  });

  it('refuses an S3 event as a permanent error', () => {
    expect(() => parseCounterMessage(JSON.stringify({ Records: [] }))).toThrow(/S3 event/);
    expect(() => parseCounterMessage('not json')).toThrow(expect.toSatisfy(isPermanentError));
  });
});
