import type { SentEmail } from '@pipeline/local-aws/mail';
import { describe, expect, it } from 'vitest';
import { formatEmails, parseMailArgs } from '../mail-format.ts';

const email = (n: number, extra: Partial<SentEmail> = {}): SentEmail => ({
  id: `m${n}`,
  from: 'no-reply@example.com',
  to: [`user${n}@example.com`],
  subject: `Subject ${n}`,
  text: `Hello ${n},\n\nLine two.`,
  html: `<p>Hello ${n},</p>`,
  timestamp: `2025-11-22T20:0${n}:00.000Z`,
  ...extra,
});

describe('formatEmails', () => {
  it('prints time, sender, recipients, subject and the indented text body, newest first', () => {
    expect(formatEmails([email(1), email(2)], { limit: 10 })).toBe(
      [
        '2 emails sent, newest first:',
        '',
        '── 2025-11-22 20:02:00 UTC',
        'From:    no-reply@example.com',
        'To:      user2@example.com',
        'Subject: Subject 2',
        '',
        '    Hello 2,',
        '',
        '    Line two.',
        '',
        '── 2025-11-22 20:01:00 UTC',
        'From:    no-reply@example.com',
        'To:      user1@example.com',
        'Subject: Subject 1',
        '',
        '    Hello 1,',
        '',
        '    Line two.',
      ].join('\n'),
    );
  });

  it('shows only the newest `limit` emails and says how many there are', () => {
    const out = formatEmails([email(1), email(2), email(3)], { limit: 1 });
    expect(out.startsWith('3 emails sent; the newest 1 (--limit 1):')).toBe(true);
    expect(out).toContain('Subject 3');
    expect(out).not.toContain('Subject 2');
  });

  it('falls back to the HTML without tags, and says when the time is unknown', () => {
    const out = formatEmails(
      [email(1, { text: null, html: '<p>Hi &amp; <b>bye</b></p><p>next</p>', timestamp: null })],
      { limit: 10 },
    );
    expect(out).toContain('── (time unknown)');
    expect(out).toContain('    Hi & bye\n    next');
  });

  it('says so when there is no email', () => {
    expect(formatEmails([], { limit: 10 })).toBe('No emails sent yet.');
  });
});

describe('parseMailArgs', () => {
  it('reads --limit N and --limit=N, defaulting to 10', () => {
    expect(parseMailArgs([])).toEqual({ limit: 10 });
    expect(parseMailArgs(['--limit', '3'])).toEqual({ limit: 3 });
    expect(parseMailArgs(['--limit=25'])).toEqual({ limit: 25 });
  });

  it('refuses a bad limit or an unknown argument, naming it', () => {
    expect(() => parseMailArgs(['--limit', '0'])).toThrow(
      '--limit: expected a positive whole number, got "0"',
    );
    expect(() => parseMailArgs(['--limit'])).toThrow('got nothing');
    expect(() => parseMailArgs(['--all'])).toThrow('unknown argument "--all"');
  });
});
