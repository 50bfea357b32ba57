import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../src/upload/content-type.ts';
import { presignedFormEntries, s3ErrorMessage } from '../../src/upload/presigned-post.ts';

describe('presignedFormEntries', () => {
  it('keeps the policy fields in order and adds Content-Type only when missing', () => {
    expect(presignedFormEntries({ key: 'k', Policy: 'p' }, 'image/png')).toEqual([
      ['key', 'k'],
      ['Policy', 'p'],
      ['Content-Type', 'image/png'],
    ]);
    expect(presignedFormEntries({ key: 'k', 'Content-Type': 'image/jpeg' }, 'image/png')).toEqual([
      ['key', 'k'],
      ['Content-Type', 'image/jpeg'],
    ]);
  });
});

describe('s3ErrorMessage', () => {
  it('explains the errors S3 gives for a presigned POST', () => {
    expect(s3ErrorMessage(400, '<Error><Code>EntityTooLarge</Code></Error>')).toMatch(/larger than/);
    expect(s3ErrorMessage(403, '<Error><Code>AccessDenied</Code><Message>x</Message></Error>')).toMatch(
      /expired/,
    );
  });

  it("shows S3's message for other codes, and says when storage was unreachable", () => {
    expect(s3ErrorMessage(400, '<Error><Code>Odd</Code><Message>Bad field</Message></Error>')).toBe(
      'Upload refused: Bad field',
    );
    expect(s3ErrorMessage(0, '')).toBe('The upload could not reach storage.');
    expect(s3ErrorMessage(500, 'oops')).toBe('Upload failed (HTTP 500).');
  });
});

describe('contentTypeFor', () => {
  it("trusts the browser's type, else guesses from the extension", () => {
    expect(contentTypeFor({ name: 'a.png', type: 'image/png' })).toBe('image/png');
    expect(contentTypeFor({ name: 'B.JPEG', type: '' })).toBe('image/jpeg');
    expect(contentTypeFor({ name: 'scan.tif', type: '' })).toBe('image/tiff');
    expect(contentTypeFor({ name: 'IMG_0001.HEIC', type: '' })).toBe('image/heic');
    expect(contentTypeFor({ name: 'notes', type: '' })).toBe('application/octet-stream');
  });
});
