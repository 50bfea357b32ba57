import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readSentEmails } from '../src/mail.ts';
import { decodeEncodedWords, parseMime } from '../src/mime.ts';

let server: Server | undefined;

/** Serves `body` with `status` at /moto-api/data.json, as moto does. */
async function motoAnswering(status: number, body: unknown): Promise<string> {
  const moto = createServer((request, response) => {
    response.writeHead(request.url === '/moto-api/data.json' ? status : 404, {
      'Content-Type': 'application/javascript',
    });
    response.end(JSON.stringify(body));
  });
  server = moto;
  await new Promise<void>((resolve) => moto.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(moto.address() as AddressInfo).port}`;
}

afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

const raw = (to: string, date: string, subject: string) =>
  [
    'From: no-reply@example.com',
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${date}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Caf=C3=A9 is =',
    'ready',
    '--b1',
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('<p>Café</p>').toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');

describe('readSentEmails', () => {
  it("reads moto's raw and simple SES messages, oldest first", async () => {
    const endpoint = await motoAnswering(200, {
      ses: {
        Message: [
          {
            id: 's1',
            source: 'a@example.com',
            subject: 'Simple',
            body: '<p>html only</p>',
            destinations: { ToAddresses: ['b@example.com'] },
          },
        ],
        RawMessage: [
          {
            id: 'r2',
            source: 'no-reply@example.com',
            destinations: ['late@example.com'],
            raw_data: raw('late@example.com', 'Sat, 22 Nov 2025 20:05:00 +0000', 'Later'),
          },
          {
            id: 'r1',
            source: 'no-reply@example.com',
            destinations: ['early@example.com', 'early@example.com'],
            raw_data: raw(
              '"Early" <early@example.com>',
              'Sat, 22 Nov 2025 20:01:00 +0000',
              '=?UTF-8?B?w6lhcmx5?=',
            ),
          },
        ],
      },
    });

    const emails = await readSentEmails(endpoint);

    expect(emails.map((email) => email.id)).toEqual(['s1', 'r1', 'r2']);
    expect(emails[0]).toMatchObject({ html: '<p>html only</p>', text: null, timestamp: null });
    expect(emails[1]).toEqual({
      id: 'r1',
      from: 'no-reply@example.com',
      to: ['early@example.com'],
      subject: 'éarly',
      text: 'Café is ready',
      html: '<p>Café</p>',
      timestamp: '2025-11-22T20:01:00.000Z',
    });
  });

  it('reads nothing from a moto that has sent nothing', async () => {
    expect(await readSentEmails(await motoAnswering(200, { s3: {} }))).toEqual([]);
  });

  it('fails saying what moto answered', async () => {
    const endpoint = await motoAnswering(500, {});
    await expect(readSentEmails(endpoint)).rejects.toThrow('GET /moto-api/data.json answered 500');
  });
});

describe('parseMime', () => {
  it('unfolds headers and reads a single-part message', () => {
    const parsed = parseMime('Subject: a\r\n  folded\r\nContent-Type: text/plain\r\n\r\nbody\r\n');
    expect(parsed.headers.get('subject')).toBe('a folded');
    expect(parsed.text).toBe('body\n');
    expect(parsed.html).toBeNull();
  });

  it('decodes B and Q encoded words, joining adjacent ones', () => {
    expect(decodeEncodedWords('=?UTF-8?B?w6k=?=\r\n =?UTF-8?Q?t=C3=A9_!?= done')).toBe('été ! done');
  });
});
