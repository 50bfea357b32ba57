import { ImageEventType, parseMessage, UnexpectedMessageError } from '@pipeline/events';
import {
  type DeleteDeps,
  type DeleteOutcome,
  deleteRemovedUpload,
  deleteRequestedImage,
} from './delete-image.js';

/**
 * Handles one delete queue message: an S3 event (its ObjectRemoved records)
 * or an `image.delete_requested` event.
 *
 * @returns what happened, per S3 record or for the one domain event.
 * @throws {MalformedMessageError | UnexpectedMessageError} (permanent) for any other message.
 * @throws AWS SDK errors (transient) so the message is retried.
 */
export async function processDeleteMessage(body: string, deps: DeleteDeps): Promise<DeleteOutcome[]> {
  const message = parseMessage(body);
  if (message.kind === 's3') {
    const outcomes: DeleteOutcome[] = [];
    for (const record of message.records) outcomes.push(await deleteRemovedUpload(record, deps));
    return outcomes;
  }
  if (message.event.type === ImageEventType.DELETE_REQUESTED)
    return [await deleteRequestedImage(message.event, deps)];
  throw new UnexpectedMessageError(
    `delete handles ObjectRemoved and ${ImageEventType.DELETE_REQUESTED}, got ${message.event.type}`,
  );
}
