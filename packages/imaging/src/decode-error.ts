import { InvalidImageError } from './errors';

/**
 * Turns an error thrown by sharp while decoding into the stable
 * {@link InvalidImageError}. Any decode failure of bytes whose header was
 * already accepted means the pixel data is broken (truncated, bad entropy
 * coding, ...), so everything except the pixel limit maps to `Image::Corrupt`.
 */
export function decodeError(error: unknown, what: string): InvalidImageError {
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (/exceeds pixel limit/i.test(detail)) {
    return new InvalidImageError('Image::TooManyPixels', `${what} exceeds the pixel limit`, { cause: error });
  }
  return new InvalidImageError('Image::Corrupt', `${what} cannot be decoded: ${detail}`, { cause: error });
}
