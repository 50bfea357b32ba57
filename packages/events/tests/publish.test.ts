import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { type DomainEvent, eventFields, ImageEventType } from '../src/domain-events.js';
import { publishEvent } from '../src/publish.js';

const snsMock = mockClient(SNSClient);
const sns = new SNSClient({ region: 'us-east-1' });
const topic = 'arn:aws:sns:us-east-1:000000000000:image-events';
const subject = {
  imageId: 'img',
  version: 'v1',
  owner: 'alice',
  bucket: 'uploads',
  key: 'uploads/alice/img.jpg',
};

beforeEach(() => snsMock.reset());

describe('publishEvent', () => {
  it('publishes the JSON body with a type message attribute', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const event: DomainEvent = {
      type: ImageEventType.REJECTED,
      ...eventFields(subject, new Date('2024-01-01T00:00:00Z')),
      reason: 'Image::Corrupt',
      message: 'truncated',
    };

    await expect(publishEvent(sns, topic, event)).resolves.toBe('m-1');

    const input = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.TopicArn).toBe(topic);
    expect(input?.MessageAttributes).toEqual({ type: { DataType: 'String', StringValue: 'image.rejected' } });
    expect(JSON.parse(input?.Message ?? '')).toEqual({
      type: 'image.rejected',
      imageId: 'img',
      version: 'v1',
      owner: 'alice',
      bucket: 'uploads',
      key: 'uploads/alice/img.jpg',
      occurredAt: '2024-01-01T00:00:00.000Z',
      reason: 'Image::Corrupt',
      message: 'truncated',
    });
  });

  it('publishes image.reviewed with the decision, reason and reviewer', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-2' });
    const event: DomainEvent = {
      type: ImageEventType.REVIEWED,
      ...eventFields(subject, new Date('2024-01-01T00:00:00Z')),
      decision: 'REJECTED',
      reason: 'off-topic',
      reviewer: 'mod-1',
      reviewedAt: '2024-01-01T00:00:00.000Z',
    };

    await publishEvent(sns, topic, event);

    const input = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.MessageAttributes?.type?.StringValue).toBe('image.reviewed');
    expect(JSON.parse(input?.Message ?? '')).toMatchObject({
      type: 'image.reviewed',
      decision: 'REJECTED',
      reason: 'off-topic',
      reviewer: 'mod-1',
    });
  });

  it('refuses an image.reviewed event with an unknown decision', async () => {
    const event = {
      type: ImageEventType.REVIEWED,
      ...eventFields(subject),
      decision: 'MAYBE',
      reason: null,
      reviewer: 'mod-1',
      reviewedAt: '2024-01-01T00:00:00.000Z',
    } as unknown as DomainEvent;
    await expect(publishEvent(sns, topic, event)).rejects.toThrow(/decision/);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('refuses to publish an invalid event', async () => {
    const event = { type: ImageEventType.ACCEPTED, ...eventFields(subject), imageId: '' } as DomainEvent;
    await expect(publishEvent(sns, topic, event)).rejects.toThrow(/imageId/);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('propagates SNS failures', async () => {
    snsMock.on(PublishCommand).rejects(new Error('Throttled'));
    await expect(
      publishEvent(sns, topic, { type: ImageEventType.ACCEPTED, ...eventFields(subject) }),
    ).rejects.toThrow('Throttled');
  });
});
