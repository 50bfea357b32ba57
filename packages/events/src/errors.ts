import { PermanentError } from '@pipeline/domain';

/** A queue message that is not JSON or matches no known shape. Permanent: acknowledge, never retry. */
export class MalformedMessageError extends PermanentError {
  override readonly name = 'MalformedMessageError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super('Message::Malformed', message, options);
  }
}

/** A well-formed message this function does not handle (wrong event type). Permanent. */
export class UnexpectedMessageError extends PermanentError {
  override readonly name = 'UnexpectedMessageError';

  constructor(message: string) {
    super('Message::Unexpected', message);
  }
}
