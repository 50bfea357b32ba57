import { describe, expect, it } from 'vitest';
import { InvalidKeyError, isPermanentError, PipelineError } from '../src/errors.js';

describe('errors', () => {
  it('marks input errors permanent with a stable code', () => {
    const error = new InvalidKeyError('key: bad', { cause: new Error('root') });
    expect(isPermanentError(error)).toBe(true);
    expect(error.code).toBe('Key::Invalid');
    expect(error.name).toBe('InvalidKeyError');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('does not treat other errors as permanent', () => {
    expect(isPermanentError(new PipelineError('X::Y', 'transient'))).toBe(false);
    expect(isPermanentError(new Error('boom'))).toBe(false);
  });
});
