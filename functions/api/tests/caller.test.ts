import { describe, expect, it } from 'vitest';
import { callerFrom, parseGroups } from '../src/caller.js';
import { UnauthorizedError } from '../src/errors.js';
import { ALICE, apiEvent } from './helpers.js';

describe('parseGroups', () => {
  it.each([
    ['[moderators]', ['moderators']],
    ['moderators', ['moderators']],
    ['[moderators editors]', ['moderators', 'editors']],
    ['["moderators","editors"]', ['moderators', 'editors']],
    ['moderators,editors', ['moderators', 'editors']],
    [
      ['moderators', 'editors'],
      ['moderators', 'editors'],
    ],
    ['[]', []],
    ['', []],
    [undefined, []],
    [7, []],
  ])('reads %j as %j', (claim, groups) => {
    expect(parseGroups(claim)).toEqual(groups);
  });
});

describe('callerFrom', () => {
  it('reads sub, email and groups from the JWT claims', () => {
    const event = apiEvent('GET /images', { email: 'alice@example.com', groups: '[moderators]' });
    expect(callerFrom(event, 'moderators')).toEqual({
      sub: ALICE,
      email: 'alice@example.com',
      groups: ['moderators'],
      isModerator: true,
    });
  });

  it('is not a moderator without the configured group', () => {
    const event = apiEvent('GET /images', { groups: '[moderators]' });
    expect(callerFrom(event, 'admins')).toMatchObject({ isModerator: false, email: null });
  });

  it('throws UnauthorizedError without a sub', () => {
    expect(() => callerFrom(apiEvent('GET /images', { claims: {} }), 'moderators')).toThrow(
      UnauthorizedError,
    );
  });
});
