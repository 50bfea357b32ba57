import type { ImageRecord } from '@pipeline/domain';
import { describe, expect, it } from 'vitest';
import { composeEmail, type EmailContext, imageLink, imageName } from '../src/email-content.js';
import { parseMailerMessage } from '../src/mailer-message.js';
import { bodies, IMAGE_ID, OWNER } from './helpers.js';

const LINK = `https://photos.example.com/#/images/${IMAGE_ID}`;
const record = { width: 640, height: 480, format: 'jpeg', caption: null } as unknown as ImageRecord;

const eventOf = parseMailerMessage;

const toOwner = (name = 'Sunset.jpg'): EmailContext => ({
  name,
  link: LINK,
  recipient: { kind: 'owner', address: 'alice@example.com' },
  record,
});

describe('composeEmail', () => {
  it('tells the owner a processed image is ready, with its sizes and a link', () => {
    const email = composeEmail(eventOf(bodies.processed()), toOwner());
    expect(email.subject).toBe('Your image "Sunset.jpg" is ready');
    expect(email.text).toContain('Your image "Sunset.jpg" has been processed');
    expect(email.text).toContain('Original:     640×480 JPEG');
    expect(email.text).toContain('Web versions: thumb 150×113, small 480×360');
    expect(email.text).toContain(`View the image: ${LINK}`);
    expect(email.html).toContain(`<a href="${LINK}">View the image</a>`);
  });

  it('tells the owner why an upload was rejected', () => {
    const email = composeEmail(eventOf(bodies.rejected()), toOwner());
    expect(email.subject).toBe('Your upload "Sunset.jpg" was rejected');
    expect(email.text).toContain(
      'Your upload "Sunset.jpg" could not be used: The file is not an image <script>alert(1)</script>',
    );
    expect(email.text).toContain('Reason: Image::NotAnImage');
    expect(email.text).toContain(`See the upload: ${LINK}`);
  });

  it("tells the owner a moderator's decision and reason", () => {
    const rejected = composeEmail(eventOf(bodies.reviewed()), toOwner());
    expect(rejected.subject).toBe('Your image "Sunset.jpg" was not approved');
    expect(rejected.text).toContain('A moderator did not approve your image "Sunset.jpg".');
    expect(rejected.text).toContain('Reason:   Blurry & "dark"');
    expect(rejected.text).toContain('Reviewed: 2024-05-08 10:11 UTC');

    const approved = composeEmail(
      eventOf(bodies.reviewed({ decision: 'APPROVED', reason: null })),
      toOwner(),
    );
    expect(approved.subject).toBe('Your image "Sunset.jpg" was approved');
    expect(approved.text).not.toContain('Reason');
  });

  it('tells the owner an image was deleted', () => {
    const email = composeEmail(eventOf(bodies.deleted()), toOwner());
    expect(email.subject).toBe('Your image "Sunset.jpg" was deleted');
    expect(email.text).toContain('Your image "Sunset.jpg" and its web versions have been deleted.');
    expect(email.text).toContain('Deleted: 2024-05-06 07:08 UTC');
  });

  it('escapes user text (captions, reasons, messages) in the HTML body', () => {
    const name = '<img src=x onerror=alert(1)> & "friends"';
    const rejected = composeEmail(eventOf(bodies.rejected()), toOwner(name));
    const reviewed = composeEmail(eventOf(bodies.reviewed()), toOwner(name));

    expect(rejected.html).not.toMatch(/<img|<script/);
    expect(rejected.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;friends&quot;');
    expect(rejected.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(reviewed.html).toContain('Blurry &amp; &quot;dark&quot;');
  });

  it('writes to the operations address about the image, saying why it went there', () => {
    const email = composeEmail(eventOf(bodies.processed({ owner: null, key: 'uploads/cat.jpg' })), {
      ...toOwner('cat.jpg'),
      recipient: { kind: 'operations', address: 'ops@example.com', why: 'the upload has no owner' },
    });
    expect(email.subject).toBe('The image "cat.jpg" is ready');
    expect(email.text).toContain(
      'you receive this email at the operations address because the upload has no owner (key uploads/cat.jpg)',
    );
  });
});

describe('imageName', () => {
  const key = `uploads/${OWNER}/${IMAGE_ID}.jpg`;

  it('names the image by its caption, else by the file name of its key', () => {
    expect(imageName({ caption: 'Harbour at dawn' }, key)).toBe('Harbour at dawn');
    expect(imageName({ caption: null }, key)).toBe(`${IMAGE_ID}.jpg`);
    expect(imageName({ caption: '   ' }, 'uploads/holiday photo.png')).toBe('holiday photo.png');
    expect(imageName(undefined, 'uploads/a/b/deep.webp')).toBe('deep.webp');
  });

  it('keeps a caption to one line of at most 80 characters', () => {
    expect(imageName({ caption: 'two\r\nlines\u2028here' }, key)).toBe('two lines here');
    const long = imageName({ caption: 'é'.repeat(200) }, key);
    expect([...long]).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('imageLink', () => {
  it("links to the web app's image route", () => {
    expect(imageLink('http://localhost:4581/', IMAGE_ID)).toBe(`http://localhost:4581/#/images/${IMAGE_ID}`);
  });
});
