import { describe, expect, it } from 'vitest';
import { InvalidKeyError } from '../src/errors.js';
import {
  decodeS3Key,
  derivedImageId,
  ifMatch,
  imageIdForKey,
  normalizeEtag,
  ownerForKey,
  parseUploadKey,
  renditionKey,
  renditionPrefix,
  uploadKey,
} from '../src/keys.js';

const UUID = '3f2b8c1e-9d4a-4c1b-8e2f-0a1b2c3d4e5f';
const ULID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

describe('decodeS3Key', () => {
  it('turns + into spaces', () => {
    expect(decodeS3Key('uploads/alice/my+holiday+photo.jpg')).toBe('uploads/alice/my holiday photo.jpg');
  });

  it('decodes an encoded + as a literal plus', () => {
    expect(decodeS3Key('uploads/alice/a%2Bb.jpg')).toBe('uploads/alice/a+b.jpg');
  });

  it('decodes an encoded % sign', () => {
    expect(decodeS3Key('uploads/alice/100%25.jpg')).toBe('uploads/alice/100%.jpg');
  });

  it('decodes multi-byte unicode escapes', () => {
    expect(decodeS3Key('uploads/j%C3%BCrgen/%E6%97%A5%E6%9C%AC+%F0%9F%93%B7.png')).toBe(
      'uploads/jürgen/日本 📷.png',
    );
  });

  it('decodes slashes that moto encodes as %2F', () => {
    expect(decodeS3Key('uploads%2Falice%2Fcat.jpg')).toBe('uploads/alice/cat.jpg');
  });

  it('leaves plain keys alone', () => {
    expect(decodeS3Key('uploads/alice/cat.jpg')).toBe('uploads/alice/cat.jpg');
  });

  it('rejects a malformed escape with a permanent InvalidKeyError', () => {
    expect(() => decodeS3Key('uploads/alice/%E0%A4%A.jpg')).toThrow(InvalidKeyError);
  });
});

describe('parseUploadKey', () => {
  it('keeps a UUID stem as the imageId, lower-cased', () => {
    expect(parseUploadKey(`uploads/alice/${UUID.toUpperCase()}.jpg`)).toEqual({
      owner: 'alice',
      imageId: UUID,
    });
  });

  it('keeps a ULID stem as the imageId, upper-cased', () => {
    expect(parseUploadKey(`uploads/bob/${ULID.toLowerCase()}.png`)).toEqual({ owner: 'bob', imageId: ULID });
  });

  it('derives a deterministic 32-hex imageId from the key when the stem is not an id', () => {
    const first = parseUploadKey('uploads/alice/holiday photo.jpg');
    const second = parseUploadKey('uploads/alice/holiday photo.jpg');
    expect(first?.imageId).toMatch(/^[0-9a-f]{32}$/);
    expect(first).toEqual(second);
    expect(first?.imageId).toBe(derivedImageId('uploads/alice/holiday photo.jpg'));
  });

  it('derives different ids for different keys', () => {
    expect(parseUploadKey('uploads/alice/a.jpg')?.imageId).not.toBe(
      parseUploadKey('uploads/bob/a.jpg')?.imageId,
    );
  });

  it('gives owner null when there is no owner segment', () => {
    expect(parseUploadKey(`uploads/${UUID}.jpg`)).toEqual({ owner: null, imageId: UUID });
  });

  it('keeps the stem of a file without extension', () => {
    expect(parseUploadKey(`uploads/alice/${UUID}`)).toEqual({ owner: 'alice', imageId: UUID });
  });

  it('does not trust the stem of deeper keys', () => {
    const key = `uploads/alice/album/${UUID}.jpg`;
    expect(parseUploadKey(key)).toEqual({ owner: 'alice', imageId: derivedImageId(key) });
  });

  it('returns null for keys outside uploads/', () => {
    expect(parseUploadKey('renditions/alice/cat.jpg')).toBeNull();
    expect(parseUploadKey('uploadsX/cat.jpg')).toBeNull();
  });

  it('returns null for folder markers', () => {
    expect(parseUploadKey('uploads/alice/')).toBeNull();
  });
});

describe('imageIdForKey and ownerForKey', () => {
  it('read the same values as parseUploadKey', () => {
    expect(imageIdForKey(`uploads/alice/${UUID}.jpg`)).toBe(UUID);
    expect(ownerForKey(`uploads/alice/${UUID}.jpg`)).toBe('alice');
    expect(ownerForKey(`uploads/${UUID}.jpg`)).toBeNull();
  });

  it('throw InvalidKeyError for keys that are not ours', () => {
    expect(() => imageIdForKey('other/cat.jpg')).toThrow(InvalidKeyError);
  });
});

describe('etags and rendition keys', () => {
  it('strips quotes and weak markers from eTags', () => {
    expect(normalizeEtag('"abc"')).toBe('abc');
    expect(normalizeEtag('W/"abc"')).toBe('abc');
    expect(normalizeEtag('abc-2')).toBe('abc-2');
  });

  it('quotes versions for If-Match', () => {
    expect(ifMatch('abc')).toBe('"abc"');
    expect(ifMatch('"abc"')).toBe('"abc"');
  });

  it('keys renditions by image, version, name and extension', () => {
    expect(renditionKey('img', 'v1', 'thumb', 'webp')).toBe('img/v1/thumb.webp');
    expect(renditionPrefix('img')).toBe('img/');
    expect(renditionPrefix('img', 'v1')).toBe('img/v1/');
  });
});

describe('uploadKey', () => {
  it('builds a key that parseUploadKey reads back with the same owner and imageId', () => {
    const key = uploadKey('alice', UUID, 'jpg');
    expect(key).toBe(`uploads/alice/${UUID}.jpg`);
    expect(parseUploadKey(key)).toEqual({ owner: 'alice', imageId: UUID });
  });

  it('accepts a ULID imageId', () => {
    expect(parseUploadKey(uploadKey('bob', ULID, 'png'))).toEqual({ owner: 'bob', imageId: ULID });
  });

  it('refuses an owner that would change the key shape', () => {
    expect(() => uploadKey('a/b', UUID, 'jpg')).toThrow(InvalidKeyError);
    expect(() => uploadKey('', UUID, 'jpg')).toThrow(/owner/);
  });

  it('refuses an imageId the pipeline would not keep as the id', () => {
    expect(() => uploadKey('alice', 'photo', 'jpg')).toThrow(/imageId/);
    expect(() => uploadKey('alice', UUID.toUpperCase(), 'jpg')).toThrow(InvalidKeyError);
  });
});
