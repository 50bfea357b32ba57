import type { ServiceDeps } from '@pipeline/aws';
import { ImageEventType, oneAtATimePerKey, parseMessage, UnexpectedMessageError } from '@pipeline/events';
import { type ResizeOutcome, resizeImage } from './resize-image.js';

/** Copies of one image.accepted in a batch run one after another (see oneAtATimePerKey). */
const perImage = oneAtATimePerKey();

/**
 * Handles one resize queue message: an `image.accepted` event.
 *
 * @throws {MalformedMessageError | UnexpectedMessageError} (permanent) for any other message.
 * @throws AWS SDK errors (transient) so the message is retried.
 */
export async function processResizeMessage(body: string, deps: ServiceDeps): Promise<ResizeOutcome> {
  const message = parseMessage(body);
  if (message.kind !== 'domain' || message.event.type !== ImageEventType.ACCEPTED) {
    const got = message.kind === 'domain' ? message.event.type : 'an S3 event';
    throw new UnexpectedMessageError(`resize handles ${ImageEventType.ACCEPTED} events, got ${got}`);
  }
  const { event } = message;
  return perImage(`${event.imageId}#${event.version}`, () => resizeImage(event, deps));
}
