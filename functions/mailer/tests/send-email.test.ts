import { fromRaw } from '@pipeline/local-aws/mail';
import { describe, expect, it } from 'vitest';
import { buildRawEmail, encodeHeaderText } from '../src/send-email.js';

const email = {
  from: 'no-reply@example.com',
  to: 'alice@example.com',
  subject: 'Your image "Café au lait ☕ — 東京" is ready',
  text: `Hello,\n\n${'A long line. '.repeat(20)}\nÅngström`,
  html: '<p>Hello, <b>Åsa</b></p>',
  date: new Date('2025-11-22T20:01:02.000Z'),
};

describe('buildRawEmail', () => {
  it('builds a multipart/alternative message whose parts read back exactly', () => {
    const raw = buildRawEmail(email, 'BOUNDARY');
    const parsed = fromRaw({ id: 'x', source: null, destinations: [], raw_data: raw });

    expect(raw).toContain('Content-Type: multipart/alternative; boundary="BOUNDARY"');
    expect(parsed).toEqual({
      id: 'x',
      from: 'no-reply@example.com',
      to: ['alice@example.com'],
      subject: email.subject,
      text: email.text,
      html: email.html,
      timestamp: '2025-11-22T20:01:02.000Z',
    });
  });

  it('keeps every line within the 998 characters SMTP allows, and headers ASCII', () => {
    const raw = buildRawEmail({ ...email, text: 'x'.repeat(5000) });
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^[\x20-\x7e\r\n]*$/);
  });

  it('refuses an address with a line break', () => {
    expect(() => buildRawEmail({ ...email, to: 'a@example.com\r\nBcc: b@example.com' })).toThrow(
      'to: an email address cannot hold a line break',
    );
  });
});

describe('encodeHeaderText', () => {
  it('leaves printable ASCII alone and turns line breaks into spaces (no header injection)', () => {
    expect(encodeHeaderText('Hello "world"')).toBe('Hello "world"');
    expect(encodeHeaderText('a\r\nBcc: evil@example.com')).toBe('a Bcc: evil@example.com');
  });

  it('encodes non-ASCII text as RFC 2047 words of at most 75 characters', () => {
    const encoded = encodeHeaderText('é'.repeat(100));
    const words = encoded.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) {
      expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
      expect(word.length).toBeLessThanOrEqual(75);
    }
  });
});
