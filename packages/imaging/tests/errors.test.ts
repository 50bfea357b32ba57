import { describe, expect, it } from 'vitest';
import { ImagingError, InvalidImageError, InvalidImagingOptionError } from '../src/errors';

describe('InvalidImageError', () => {
  it('is an ImagingError carrying a stable reason, a status and the cause', () => {
    const cause = new Error('VipsJpeg: premature end of JPEG image');

    const error = new InvalidImageError('Image::Corrupt', 'image cannot be decoded', { cause });

    expect(error).toBeInstanceOf(ImagingError);
    expect(error).toMatchObject({
      name: 'InvalidImageError',
      reason: 'Image::Corrupt',
      statusCode: 422,
      cause,
    });
  });

  it.each([
    ['Image::TooLarge', 413],
    ['Image::TooManyPixels', 413],
    ['Image::UnsupportedFormat', 415],
    ['Image::NotAnImage', 415],
    ['Image::Empty', 422],
  ] as const)('maps %s to HTTP %i', (reason, status) => {
    expect(new InvalidImageError(reason, 'x').statusCode).toBe(status);
  });
});

describe('InvalidImagingOptionError', () => {
  it('names the option in its message', () => {
    const error = new InvalidImagingOptionError('webpQuality', 'must be an integer from 1 to 100, got 0');

    expect(error).toBeInstanceOf(ImagingError);
    expect(error).toMatchObject({
      option: 'webpQuality',
      message: 'webpQuality: must be an integer from 1 to 100, got 0',
    });
  });
});
