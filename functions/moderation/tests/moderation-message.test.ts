import { MalformedMessageError } from '@pipeline/events';
import { describe, expect, it } from 'vitest';
import { parseModerationMessage, TOPIC_REVIEWER } from '../src/moderation-message.js';
import { moderationBody } from './helpers.js';

const ID = '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';
const now = new Date('2024-05-06T08:00:00.000Z');

describe('parseModerationMessage', () => {
  it('turns Pass into an APPROVED review by the topic, dated by the message', () => {
    expect(parseModerationMessage(moderationBody(ID, { status: 'Pass' }), now)).toEqual({
      imageId: ID,
      review: {
        decision: 'APPROVED',
        reason: null,
        reviewer: TOPIC_REVIEWER,
        reviewedAt: '2024-05-06T07:08:09.000Z',
      },
    });
  });

  it('turns Reject into a REJECTED review with its trimmed reason and the named reviewer', () => {
    const body = moderationBody(ID, { status: 'Reject', reason: '  off-topic ' }, { reviewer: 'mod-7' });
    expect(parseModerationMessage(body, now).review).toMatchObject({
      decision: 'REJECTED',
      reason: 'off-topic',
      reviewer: 'mod-7',
    });
  });

  it('normalises the date to UTC toISOString form so reviews order as strings', () => {
    const offset = moderationBody(ID, { status: 'Pass' }, { date: '2024-05-06T09:08:09+02:00' });
    const day = moderationBody(ID, { status: 'Pass' }, { date: '2024-05-06' });
    expect(parseModerationMessage(offset, now).review.reviewedAt).toBe('2024-05-06T07:08:09.000Z');
    expect(parseModerationMessage(day, now).review.reviewedAt).toBe('2024-05-06T00:00:00.000Z');
  });

  it('treats an empty or null reason as none', () => {
    expect(
      parseModerationMessage(moderationBody(ID, { status: 'Pass', reason: ' ' }), now).review.reason,
    ).toBe(null);
    expect(
      parseModerationMessage(moderationBody(ID, { status: 'Pass', reason: null }), now).review.reason,
    ).toBe(null);
  });

  it.each([
    [
      'an unknown status',
      moderationBody(ID, { status: 'Maybe' }),
      /update\.status: must be one of Pass, Reject/,
    ],
    ['a Reject without reason', moderationBody(ID, { status: 'Reject' }), /update\.reason: is required when/],
    [
      'a reason too long',
      moderationBody(ID, { status: 'Pass', reason: 'x'.repeat(501) }),
      /update\.reason: must/,
    ],
    ['no id', moderationBody('', { status: 'Pass' }), /id: must be an image id/],
    [
      'a bad date',
      moderationBody(ID, { status: 'Pass' }, { date: 'yesterday' }),
      /date: must be an ISO-8601/,
    ],
    [
      'no update object',
      JSON.stringify({ id: ID, date: '2024-05-06', update: 'Pass' }),
      /update: must be an object/,
    ],
    [
      'a date in the future',
      moderationBody(ID, { status: 'Pass' }, { date: '2024-05-06T09:00:00Z' }),
      /date: .* is in the future/,
    ],
    ['a body that is not JSON', 'Pass it', /body: not JSON/],
  ])('refuses %s as malformed', (_what, body, message) => {
    const parse = () => parseModerationMessage(body, now);
    expect(parse).toThrow(MalformedMessageError);
    expect(parse).toThrow(message);
  });

  it('allows a date slightly ahead of its clock (skew)', () => {
    const body = moderationBody(ID, { status: 'Pass' }, { date: '2024-05-06T08:04:00Z' });
    expect(parseModerationMessage(body, now).review.reviewedAt).toBe('2024-05-06T08:04:00.000Z');
  });
});
